import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  complianceChecksExtensionPoint,
  type ComplianceCheck,
} from '@runway/plugin-compliance-node';
import { registerComplianceActions } from './actions/registerComplianceActions';
import { createComplianceServices } from './service/createComplianceServices';
import { createRouter } from './service/router';
import { scheduleComplianceTasks } from './service/scheduleComplianceTasks';

/**
 * Runway's ownership compliance backend plugin.
 *
 * @public
 */
export const compliancePlugin = createBackendPlugin({
  pluginId: 'compliance',
  register(env) {
    const codeChecks: ComplianceCheck[] = [];
    env.registerExtensionPoint(complianceChecksExtensionPoint, {
      addChecks(...checks) {
        codeChecks.push(...checks);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        lifecycle: coreServices.lifecycle,
        actionsRegistry: actionsRegistryServiceRef,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const services = await createComplianceServices({
          ...deps,
          codeChecks,
        });
        await scheduleComplianceTasks(services, deps);
        registerComplianceActions({
          actionsRegistry: deps.actionsRegistry,
          ...services.authorized,
          config: services.config,
        });
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
