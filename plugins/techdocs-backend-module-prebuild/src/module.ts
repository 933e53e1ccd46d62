import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { durationToMilliseconds } from '@backstage/types';
import {
  TECHDOCS_PUBLISHED_TOPIC,
  type TechDocsPublishedEventPayload,
} from '@runway/events-node';
import { PrebuildOnChange } from './PrebuildOnChange';
import { prebuildTechDocs } from './prebuildTechDocs';
import { createSerialRunner } from './serialRunner';

/**
 * Builds every entity's TechDocs in the background (local builder), so that docs are in the
 * search index and known to be published before anyone opens them: an entity's docs as soon
 * as the catalog announces it new or changed, and all of them on a schedule.
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
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({
        config,
        logger,
        scheduler,
        auth,
        discovery,
        lifecycle,
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
        const onChangeEnabled =
          config.getOptionalBoolean('techdocs.prebuild.onChange.enabled') ??
          true;
        // readDurationFromConfig: '5s' and ISO strings too, and a bad value names the key.
        const onChangeDelayMs = config.has('techdocs.prebuild.onChange.delay')
          ? durationToMilliseconds(
              readDurationFromConfig(config, {
                key: 'techdocs.prebuild.onChange.delay',
              }),
            )
          : 5_000;

        // Announced so that what depends on published docs need not wait for a sweep.
        const onPublished = async ({
          entityRef,
          kind,
        }: {
          entityRef: string;
          kind: string;
        }) => {
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
        };
        // The full pass and the builds after changes take turns: one mkdocs at a time.
        const serially = createSerialRunner();
        const prebuild = (entityRefs?: string[]) =>
          serially(() =>
            prebuildTechDocs({
              catalog,
              auth,
              discovery,
              logger,
              onPublished,
              entityRefs,
            }),
          );

        await scheduler.scheduleTask({
          id: 'techdocs-prebuild',
          scope: 'global',
          ...schedule,
          fn: async () => {
            const { built, failed } = await prebuild();
            logger.info(
              `TechDocs prebuild: ${built} up to date${
                failed.length ? `, ${failed.length} failed` : ''
              }`,
            );
          },
        });

        if (onChangeEnabled) {
          const onChange = new PrebuildOnChange({
            events,
            logger,
            prebuild: entityRefs => prebuild(entityRefs),
            delayMs: onChangeDelayMs,
          });
          await onChange.subscribe();
          lifecycle.addShutdownHook(() => onChange.stop());
        }
      },
    });
  },
});
