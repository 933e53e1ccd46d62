import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { EntityChangeProcessor } from './EntityChangeProcessor';

/**
 * Publishes `runway.catalog.entity-changed` on the events service whenever the catalog
 * processes an entity whose content changed.
 *
 * @public
 */
export const catalogModuleEntityChanges = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'entity-changes',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        events: eventsServiceRef,
        logger: coreServices.logger,
      },
      async init({ catalog, events, logger }) {
        catalog.addProcessor(new EntityChangeProcessor({ events, logger }));
      },
    });
  },
});
