/**
 * What other backend plugins and modules use of Runway's ownership compliance: the
 * `complianceServiceRef` to ask the gate, evaluate an entity or check one that is not in the
 * catalog yet, and the extension point that contributes checks.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './extensions';
export type {
  ComplianceService,
  ComplianceServiceOptions,
} from './ComplianceService';
export { DefaultComplianceService } from './DefaultComplianceService';
export { complianceServiceRef } from './complianceServiceRef';
