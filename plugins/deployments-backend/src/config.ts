import type { Config } from '@backstage/config';

/** What the deployments backend reads from `deployments` in app-config. @internal */
export type DeploymentsConfig = {
  productionStage: string;
  doraDefaultWindowDays: number;
};

const STAGE = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/**
 * Reads and checks `deployments`; a bad value stops the backend at start, naming the key.
 *
 * @internal
 */
export function readDeploymentsConfig(config: Config): DeploymentsConfig {
  const productionStage =
    config.getOptionalString('deployments.productionStage') ?? 'production';
  if (!STAGE.test(productionStage) || productionStage.length > 63) {
    throw new Error(
      `deployments.productionStage must be a stage name (letters, digits, '.', '_', '-'), got '${productionStage}'`,
    );
  }
  const doraDefaultWindowDays =
    config.getOptionalNumber('deployments.dora.defaultWindowDays') ?? 30;
  if (
    !Number.isInteger(doraDefaultWindowDays) ||
    doraDefaultWindowDays < 1 ||
    doraDefaultWindowDays > 3660
  ) {
    throw new Error(
      `deployments.dora.defaultWindowDays must be a whole number of days from 1 to 3660, got ${doraDefaultWindowDays}`,
    );
  }
  return { productionStage, doraDefaultWindowDays };
}
