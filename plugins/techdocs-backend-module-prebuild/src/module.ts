import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { prebuildTechDocs } from './prebuildTechDocs';

/**
 * Builds every entity's TechDocs in the background (local builder), so that docs are in the
 * search index and known to be published before anyone opens them.
 *
 * @public
 */
export const techdocsModulePrebuild = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'prebuild',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, scheduler, auth, discovery, catalog }) {
        const localBuilder =
          config.getOptionalString('techdocs.builder') === 'local';
        const enabled =
          config.getOptionalBoolean('techdocs.prebuild.enabled') ??
          localBuilder;
        if (!enabled) {
          logger.info('TechDocs prebuild is off');
          return;
        }
        const schedule = config.has('techdocs.prebuild.schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('techdocs.prebuild.schedule'),
            )
          : {
              frequency: { hours: 24 },
              timeout: { minutes: 60 },
              initialDelay: { seconds: 15 },
            };
        await scheduler.scheduleTask({
          id: 'techdocs-prebuild',
          scope: 'global',
          ...schedule,
          fn: async () => {
            const { built, failed } = await prebuildTechDocs({
              catalog,
              auth,
              discovery,
              logger,
            });
            logger.info(
              `TechDocs prebuild: ${built} up to date${
                failed.length ? `, ${failed.length} failed` : ''
              }`,
            );
          },
        });
      },
    });
  },
});
