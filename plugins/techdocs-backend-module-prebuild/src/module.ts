import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  TECHDOCS_PUBLISHED_TOPIC,
  type TechDocsPublishedEventPayload,
} from '@runway/events-node';
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
        events: eventsServiceRef,
      },
      async init({
        config,
        logger,
        scheduler,
        auth,
        discovery,
        catalog,
        events,
      }) {
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
              // Announced so that what depends on published docs need not wait for a sweep.
              onPublished: async ({ entityRef, kind }) => {
                const eventPayload: TechDocsPublishedEventPayload = {
                  entityRef,
                  kind,
                  publishedAt: new Date().toISOString(),
                };
                await events
                  .publish({ topic: TECHDOCS_PUBLISHED_TOPIC, eventPayload })
                  .catch(error =>
                    logger.warn(
                      `Could not announce the TechDocs of ${entityRef}: ${error}`,
                    ),
                  );
              },
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
