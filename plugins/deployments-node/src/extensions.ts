import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { DeploymentEngine } from './DeploymentEngine';

/**
 * Lets backend modules add deployment engines to the deployments backend.
 *
 * @public
 */
export interface DeploymentsEngineExtensionPoint {
  /**
   * Adds engines that stages can name. Each id must be unique; the backend refuses to
   * start on a duplicate, naming it.
   */
  addEngine(...engines: DeploymentEngine[]): void;
}

/**
 * The extension point of {@link DeploymentsEngineExtensionPoint}, for a backend module's
 * `deps`.
 *
 * @public
 */
export const deploymentsEngineExtensionPoint =
  createExtensionPoint<DeploymentsEngineExtensionPoint>({
    id: 'deployments.engines',
  });
