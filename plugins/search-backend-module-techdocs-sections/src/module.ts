import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  searchEngineRegistryExtensionPoint,
  searchIndexRegistryExtensionPoint,
} from '@backstage/plugin-search-backend-node/alpha';
import {
  TECHDOCS_PUBLISHED_TOPIC,
  type TechDocsPublishedEventPayload,
} from '@runway/events-node';
import { complianceServiceRef } from '@runway/plugin-compliance-node';
import { registerDocsSearchAction } from './actions/registerDocsSearchAction';
import { TechDocsSectionsCollatorFactory } from './collator/TechDocsSectionsCollatorFactory';
import { readTechDocsSectionsConfig, searchDatabaseIsPostgres } from './config';
import { TechDocsSectionsLunrSearchEngine } from './engine/TechDocsSectionsLunrSearchEngine';
import { ReindexOnPublish } from './reindex/ReindexOnPublish';
import { CatalogOwnerStatusResolver } from './trust/CatalogOwnerStatusResolver';
import { ComplianceOwnerStatusResolver } from './trust/ComplianceOwnerStatusResolver';
import { TECHDOCS_SECTIONS_DOCUMENT_TYPE } from './types';

/** The search backend's name for the task that rebuilds the TechDocs index. */
const INDEX_TASK_ID = `search_index_${TECHDOCS_SECTIONS_DOCUMENT_TYPE}`;

/**
 * Search backend module: indexes TechDocs one record per section with trust fields
 * (replaces `@backstage/plugin-search-backend-module-techdocs`; install one or the other),
 * installs the Lunr engine with the sections query translator unless the database is
 * PostgreSQL, re-indexes an entity when TechDocs publishes it, and registers the
 * `search:docs-search` action.
 *
 * @public
 */
export const searchModuleTechDocsSections = createBackendModule({
  pluginId: 'search',
  moduleId: 'techdocs-sections',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        instanceMetadata: coreServices.rootInstanceMetadata,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        compliance: complianceServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
        engineRegistry: searchEngineRegistryExtensionPoint,
      },
      async init(deps) {
        const { config, logger, auth, catalog, scheduler } = deps;
        const settings = readTechDocsSectionsConfig(config);

        const catalogOwners = new CatalogOwnerStatusResolver({ catalog, auth });
        const complianceInstalled = (
          await deps.instanceMetadata.getInstalledPlugins()
        ).some(plugin => plugin.pluginId === 'compliance');
        const useCompliance =
          settings.ownerStatusFrom === 'compliance' ||
          (settings.ownerStatusFrom === 'auto' && complianceInstalled);
        const collator = TechDocsSectionsCollatorFactory.fromConfig(config, {
          discovery: deps.discovery,
          auth,
          catalog,
          logger,
          staleAfter: settings.staleAfter,
          ownerStatus: useCompliance
            ? new ComplianceOwnerStatusResolver({
                compliance: deps.compliance,
                auth,
                fallback: catalogOwners,
                logger,
              })
            : catalogOwners,
        });
        deps.indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(settings.schedule),
          factory: collator,
        });

        if (settings.lunrEngine ?? !searchDatabaseIsPostgres(config)) {
          deps.engineRegistry.setSearchEngine(
            new TechDocsSectionsLunrSearchEngine({ logger }),
          );
        }

        if (settings.reindexOnPublish) {
          const reindex = new ReindexOnPublish({
            invalidate: entityRef => collator.invalidate(entityRef),
            triggerCrawl: () => scheduler.triggerTask(INDEX_TASK_ID),
            logger,
          });
          deps.lifecycle.addShutdownHook(() => reindex.stop());
          await deps.events.subscribe({
            id: 'search-techdocs-sections',
            topics: [TECHDOCS_PUBLISHED_TOPIC],
            async onEvent({ eventPayload }) {
              const { entityRef } =
                eventPayload as Partial<TechDocsPublishedEventPayload>;
              if (typeof entityRef === 'string' && entityRef) {
                reindex.published(entityRef);
              }
            },
          });
        }

        registerDocsSearchAction({
          actionsRegistry: deps.actionsRegistry,
          discovery: deps.discovery,
          auth,
          appBaseUrl: config.getOptionalString('app.baseUrl'),
          freshness: () => collator.getIndexFreshness(),
        });
      },
    });
  },
});
