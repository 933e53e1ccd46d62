import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ComplianceCheck } from './types';

/**
 * Lets other backend modules contribute compliance checks written in code, e.g. the
 * deployments plugin's "pipeline configured".
 *
 * @public
 */
export interface ComplianceChecksExtensionPoint {
  /**
   * Adds checks that the backend evaluates like its own. Each id must be unique across all
   * checks; the backend refuses to start on a duplicate.
   */
  addChecks(...checks: ComplianceCheck[]): void;
}

/**
 * The extension point of {@link ComplianceChecksExtensionPoint}, for a backend module's
 * `deps`.
 *
 * @public
 */
export const complianceChecksExtensionPoint =
  createExtensionPoint<ComplianceChecksExtensionPoint>({
    id: 'compliance.checks',
  });
