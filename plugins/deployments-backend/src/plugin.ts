import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  deploymentsEngineExtensionPoint,
  type DeploymentEngine,
} from '@runway/plugin-deployments-node';
import { createDeploymentsServices } from './service/createDeploymentsServices';
import { createRouter } from './service/router';

/**
 * Runway's deployments backend plugin.
 *
 * @public
 */
export const deploymentsPlugin = createBackendPlugin({
  pluginId: 'deployments',
  register(env) {
    const engines: DeploymentEngine[] = [];
    env.registerExtensionPoint(deploymentsEngineExtensionPoint, {
      addEngine(...added) {
        engines.push(...added);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const services = await createDeploymentsServices({ ...deps, engines });
        deps.httpRouter.use(
          await createRouter({
            ...services.authorized,
            httpAuth: deps.httpAuth,
          }),
        );
      },
    });
  },
});
