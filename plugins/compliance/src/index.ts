/**
 * Runway's ownership compliance UI: an entity tab and overview card, a group rollup card
 * and a Compliance page.
 *
 * The default export is the plugin for the new frontend system, which is what
 * `app.packages: all` discovery picks up from the package root. The named exports are
 * for apps on the legacy frontend system.
 *
 * @packageDocumentation
 */
export { default } from './alpha';
export {
  compliancePlugin,
  CompliancePage,
  EntityComplianceContent,
  EntityComplianceCard,
  GroupComplianceCard,
} from './plugin';
export { complianceApiRef, complianceApiFactory } from './api';
export type { ComplianceApi } from './api';
