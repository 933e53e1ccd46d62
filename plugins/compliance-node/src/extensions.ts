import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ComplianceCheck } from './types';

/**
 * Lets other backend modules contribute compliance checks written in code, e.g. the
 * deployments plugin's "pipeline configured".
 *
 * @public
 */
export interface ComplianceChecksExtensionPoint {
  addChecks(...checks: ComplianceCheck[]): void;
}

/** @public */
export const complianceChecksExtensionPoint =
  createExtensionPoint<ComplianceChecksExtensionPoint>({
    id: 'compliance.checks',
  });
