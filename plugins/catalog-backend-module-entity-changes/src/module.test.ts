import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  type EntityProvider,
  type EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  eventsServiceRef,
  type EventParams,
} from '@backstage/plugin-events-node';
import {
  ENTITY_CHANGED_TOPIC,
  type EntityChangedEventPayload,
} from '@runway/events-node';
import catalogModuleEntityChanges from './index';

jest.setTimeout(60_000);

/** Hands the catalog whatever entities the test sets, as an external source would. */
class TestEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  getProviderName() {
    return 'test-provider';
  }
  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
  }
  async set(entities: Entity[]) {
    await this.connection!.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: 'test' })),
    });
  }
}

const location = 'url:https://example.com/catalog-info.yaml';
const component = (owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': location,
      'backstage.io/managed-by-origin-location': location,
    },
  },
  spec: { type: 'service', owner, lifecycle: 'production' },
});

async function waitFor(condition: () => boolean, what: string) {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

describe('catalogModuleEntityChanges', () => {
  it('announces a new entity, not its unchanged reprocessing, and an owner change with the former owner', async () => {
    const published: EventParams[] = [];
    const provider = new TestEntityProvider();
    let processed = 0;

    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleEntityChanges,
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'test-source',
          register(reg) {
            reg.registerInit({
              deps: { catalog: catalogProcessingExtensionPoint },
              async init({ catalog }) {
                catalog.addEntityProvider(provider);
                // Counts processing runs of the component, to know that reprocessing happened.
                catalog.addProcessor({
                  getProcessorName: () => 'test-counter',
                  async postProcessEntity(entity) {
                    if (entity.metadata.name === 'checkout') processed += 1;
                    return entity;
                  },
                });
              },
            });
          },
        }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => ({
            publish: async (params: EventParams) => void published.push(params),
            subscribe: async () => {},
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: { processingInterval: { seconds: 1 } },
          },
        }),
      ],
    });

    try {
      const changes = () =>
        published
          .filter(e => e.topic === ENTITY_CHANGED_TOPIC)
          .map(e => e.eventPayload as EntityChangedEventPayload);

      await provider.set([component('team-a')]);
      await waitFor(() => changes().length > 0, 'the first event');
      expect(changes()).toEqual([
        {
          entityRef: 'component:default/checkout',
          kind: 'Component',
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          references: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
        },
      ]);
      const firstHash = changes()[0].hash;

      // Reprocessed unchanged: the processor's cache still holds the hash. (The catalog only
      // forgets it after failed runs, and this entity processes cleanly.)
      const seen = processed;
      await waitFor(() => processed >= seen + 2, 'two reprocessing runs');
      expect(changes()).toHaveLength(1);

      await provider.set([component('team-b')]);
      await waitFor(() => changes().length > 1, 'the owner change');
      expect(changes()).toHaveLength(2);
      // The catalog's own processor cache carried the former owner from run to run.
      expect(changes()[1]).toMatchObject({
        entityRef: 'component:default/checkout',
        references: [{ type: 'ownedBy', targetRef: 'group:default/team-b' }],
        previousReferences: [
          { type: 'ownedBy', targetRef: 'group:default/team-a' },
        ],
      });
      expect(changes()[1].hash).not.toBe(firstHash);
    } finally {
      await backend.stop();
    }
  });
});
