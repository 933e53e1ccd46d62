import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import type { EventParams } from '@backstage/plugin-events-node';
import type { JsonValue } from '@backstage/types';
import {
  ENTITY_CHANGED_TOPIC,
  type EntityChangedEventPayload,
} from '@runway/events-node';
import { EntityChangeProcessor } from './EntityChangeProcessor';

/**
 * The catalog's processor cache across runs, as its ProcessorCacheManager keeps it: a run
 * reads what the last run left; what it leaves is the last state if it set nothing, and
 * otherwise only the keys it set.
 */
class FakeCache {
  stored: Record<string, JsonValue> = {};
  forRun(): CatalogProcessorCache & { collect(): Record<string, JsonValue> } {
    const existing = this.stored;
    let next: Record<string, JsonValue> | undefined;
    return {
      async get<T extends JsonValue>(key: string) {
        return existing[key] as T | undefined;
      },
      async set<T extends JsonValue>(key: string, value: T) {
        (next ??= {})[key] = value;
      },
      collect: () => next ?? existing,
    };
  }
}

const component = (owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner, lifecycle: 'production' },
});

const group = (name: string, spec: Record<string, unknown>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...spec },
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
  const run = async (entity: Entity) => {
    const runCache = cache.forRun();
    const result = await processor.postProcessEntity(
      entity,
      { type: 'url', target: 'https://example.com/catalog-info.yaml' },
      () => {},
      runCache,
    );
    cache.stored = runCache.collect();
    return result;
  };
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
          // New: nothing to say about what it referenced before.
          references: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
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
    // The former references are unknown then, not empty.
    expect(published[1].eventPayload).not.toHaveProperty('previousReferences');
  });

  it('carries the references of the last announcement as previousReferences', async () => {
    const { published, run } = setup();
    const payloads = () =>
      published.map(p => p.eventPayload as EntityChangedEventPayload);

    await run(group('platform', { parent: 'engineering', members: ['alice'] }));
    await run(group('platform', { parent: 'engineering', members: ['alice'] }));
    await run(group('platform', { parent: 'infra', members: [] }));
    await run(group('platform', { parent: 'infra', members: [], tag: 'x' }));

    expect(payloads()).toHaveLength(3);
    expect(payloads()[0]).not.toHaveProperty('previousReferences');
    expect(payloads()[1]).toMatchObject({
      references: [{ type: 'childOf', targetRef: 'group:default/infra' }],
      previousReferences: [
        { type: 'childOf', targetRef: 'group:default/engineering' },
        { type: 'hasMember', targetRef: 'user:default/alice' },
      ],
    });
    // The second change compares with the first change, not with the original.
    expect(payloads()[2].previousReferences).toEqual([
      { type: 'childOf', targetRef: 'group:default/infra' },
    ]);
  });

  it('adds references to a cache written before they were kept, without announcing', async () => {
    const { published, run, cache } = setup();
    await run(component('team-a'));
    cache.stored = { hash: cache.stored.hash };

    await run(component('team-a'));
    expect(published).toHaveLength(1);
    await run(component('team-b'));
    expect(published[1].eventPayload).toMatchObject({
      previousReferences: [
        { type: 'ownedBy', targetRef: 'group:default/team-a' },
      ],
    });
  });

  it('ignores cached references that are not a list of references', async () => {
    const { published, run, cache } = setup();
    await run(component('team-a'));
    cache.stored = { ...cache.stored, references: [{ type: 'ownedBy' }] };
    await run(component('team-b'));
    expect(published[1].eventPayload).not.toHaveProperty('previousReferences');
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
