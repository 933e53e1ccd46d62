/**
 * Runway's ownership compliance UI: an entity tab and overview card, a group rollup card
 * and a Compliance page.
 *
 * These are the exports for apps on the legacy frontend system. Apps on the new frontend
 * system install the plugin from `@runway/plugin-compliance/alpha` (its default export),
 * which `app.packages: all` discovery finds by itself.
 *
 * @packageDocumentation
 */
export {
  compliancePlugin,
  CompliancePage,
  EntityComplianceContent,
  EntityComplianceCard,
  GroupComplianceCard,
} from './plugin';
export { complianceApiRef, complianceApiFactory } from './api';
export type { ComplianceApi } from './api';
