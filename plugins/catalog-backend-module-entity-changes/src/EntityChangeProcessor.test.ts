import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import type { EventParams } from '@backstage/plugin-events-node';
import type { JsonValue } from '@backstage/types';
import { EntityChangeProcessor } from './EntityChangeProcessor';
import { ENTITY_CHANGED_TOPIC } from './topic';

/** The catalog's cache as one processing run sees it: reads the last run's, writes the next. */
class FakeCache implements CatalogProcessorCache {
  stored: Record<string, JsonValue> = {};
  async get<T extends JsonValue>(key: string) {
    return this.stored[key] as T | undefined;
  }
  async set<T extends JsonValue>(key: string, value: T) {
    this.stored[key] = value;
  }
}

const component = (owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner, lifecycle: 'production' },
});

function setup(publish?: (params: EventParams) => Promise<void>) {
  const published: EventParams[] = [];
  const logger = mockServices.logger.mock();
  const processor = new EntityChangeProcessor({
    events: {
      publish:
        publish ??
        (async params => {
          published.push(params);
        }),
      subscribe: async () => {},
    },
    logger,
  });
  const cache = new FakeCache();
  const run = (entity: Entity) =>
    processor.postProcessEntity(
      entity,
      { type: 'url', target: 'https://example.com/catalog-info.yaml' },
      () => {},
      cache,
    );
  return { processor, published, cache, run, logger };
}

describe('EntityChangeProcessor', () => {
  it('announces a new entity once, and again only when its content changes', async () => {
    const { published, run } = setup();

    await run(component('team-a'));
    await run(component('team-a'));
    expect(published).toEqual([
      {
        topic: ENTITY_CHANGED_TOPIC,
        eventPayload: {
          entityRef: 'component:default/checkout',
          kind: 'Component',
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      },
    ]);

    await run(component('team-b'));
    expect(published).toHaveLength(2);
    expect((published[1].eventPayload as any).hash).not.toBe(
      (published[0].eventPayload as any).hash,
    );
  });

  it('announces the same hash again when the catalog has cleared its cache', async () => {
    const { published, run, cache } = setup();
    await run(component('team-a'));
    cache.stored = {};
    await run(component('team-a'));
    expect(published).toHaveLength(2);
    expect(published[1].eventPayload).toEqual(published[0].eventPayload);
  });

  it('returns the entity unchanged', async () => {
    const { run } = setup();
    const entity = component('team-a');
    await expect(run(entity)).resolves.toBe(entity);
  });

  it('never fails processing when publishing fails, and tries again next time', async () => {
    let fail = true;
    const published: EventParams[] = [];
    const { run, logger } = setup(async params => {
      if (fail) throw new Error('events backend unavailable');
      published.push(params);
    });

    const entity = component('team-a');
    await expect(run(entity)).resolves.toBe(entity);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('component:default/checkout'),
      expect.objectContaining({ message: 'events backend unavailable' }),
    );

    fail = false;
    await run(entity);
    expect(published).toHaveLength(1);
  });
});
