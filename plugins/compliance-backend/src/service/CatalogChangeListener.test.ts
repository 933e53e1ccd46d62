import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  ENTITY_CHANGED_TOPIC,
  TECHDOCS_PUBLISHED_TOPIC,
} from '@runway/events-node';
import type { CatalogIndex } from '@runway/plugin-compliance-node';
import { InMemoryCatalogIndex } from '../catalog/InMemoryCatalogIndex';
import { component, group, system, user } from '../testing/testBackend';
import { CatalogChangeListener } from './CatalogChangeListener';

// acme ─┬─ team-a ── team-a1
//       └─ team-b
const catalog: Entity[] = [
  group('acme'),
  group('team-a', 'acme'),
  group('team-a1', 'team-a'),
  group('team-b', 'acme'),
  user('alice', 'team-a1'),
  system('shop', 'team-b'),
  component('by-acme', { owner: 'acme' }),
  component('by-team-a', { owner: 'group:default/team-a' }),
  component('by-team-a1', { owner: 'team-a1' }),
  component('by-team-b', { owner: 'team-b' }),
  component('by-alice', { owner: 'user:alice' }),
  component('in-shop', { owner: 'team-b', system: 'shop' }),
];

const DELAY = 5_000;

function setup(options: { maxEntities?: number; entities?: Entity[] } = {}) {
  const logger = mockServices.logger.mock();
  const evaluated: string[] = [];
  const batches: string[][] = [];
  const compliance = {
    evaluate: jest.fn(async (ref: string) => {
      evaluated.push(ref);
      return {} as any;
    }),
    evaluateEntities: jest.fn(
      async (refs: Iterable<string>, _index: CatalogIndex) => {
        const batch = [...refs].sort();
        batches.push(batch);
        return { entities: batch.length, changes: 0 };
      },
    ),
  };
  const catalogIndex = {
    refresh: jest.fn(async () =>
      InMemoryCatalogIndex.fromEntities(options.entities ?? catalog),
    ),
  };
  const listener = new CatalogChangeListener({
    events: mockServices.events(),
    logger,
    compliance,
    catalogIndex,
    kinds: ['component', 'api', 'resource', 'system'],
    delayMs: DELAY,
    maxEntities: options.maxEntities,
  });
  const change = (entityRef: string, hash = 'h1') =>
    listener.onChange({
      entityRef,
      kind: entityRef.split(':')[0].replace(/^./, c => c.toUpperCase()),
      hash,
    });
  const settle = async () => {
    await jest.advanceTimersByTimeAsync(DELAY);
    await listener.idle();
  };
  return {
    listener,
    logger,
    compliance,
    catalogIndex,
    evaluated,
    batches,
    change,
    settle,
  };
}

describe('CatalogChangeListener', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('waits for the delay after the first change and evaluates the batch once', async () => {
    const { change, evaluated, compliance, catalogIndex } = setup();

    change('component:default/by-acme');
    await jest.advanceTimersByTimeAsync(DELAY - 1_000);
    change('component:default/by-team-b');
    change('component:default/by-acme', 'h2');
    expect(evaluated).toEqual([]);

    // Not pushed back by later changes: the batch is due DELAY after its first change.
    await jest.advanceTimersByTimeAsync(1_000);
    await Promise.resolve();
    expect(evaluated.sort()).toEqual([
      'component:default/by-acme',
      'component:default/by-team-b',
    ]);
    // Only evaluated kinds, one by one; no catalog read for plain entity changes.
    expect(compliance.evaluateEntities).not.toHaveBeenCalled();
    expect(catalogIndex.refresh).not.toHaveBeenCalled();
  });

  it('skips content it handled already, whatever the catalog announces again', async () => {
    const { change, evaluated, settle } = setup();

    change('component:default/by-acme', 'h1');
    await settle();
    change('component:default/by-acme', 'h1');
    await settle();
    expect(evaluated).toEqual(['component:default/by-acme']);

    change('component:default/by-acme', 'h2');
    await settle();
    expect(evaluated).toHaveLength(2);
  });

  it('re-evaluates what a changed group, its ancestors and its descendants own', async () => {
    const { change, batches, catalogIndex, evaluated, settle } = setup();

    change('group:default/team-a');
    change('group:default/team-a1');
    await settle();

    expect(catalogIndex.refresh).toHaveBeenCalledTimes(1);
    expect(evaluated).toEqual([]);
    expect(batches).toEqual([
      [
        'component:default/by-acme',
        'component:default/by-team-a',
        'component:default/by-team-a1',
      ],
    ]);
  });

  it('re-evaluates what a changed user, its groups and their ancestors own', async () => {
    const { change, batches, settle } = setup();

    change('user:default/alice');
    await settle();

    expect(batches).toEqual([
      [
        'component:default/by-acme',
        'component:default/by-alice',
        'component:default/by-team-a',
        'component:default/by-team-a1',
      ],
    ]);
  });

  // team-a1 moves from team-a to team-b: team-a's chain loses its members.
  const reparented = catalog.map(entity =>
    entity.metadata.name === 'team-a1' ? group('team-a1', 'team-b') : entity,
  );

  it("re-evaluates what a re-parented group's former and new parent chains own", async () => {
    const { listener, batches, settle } = setup({ entities: reparented });

    listener.onChange({
      entityRef: 'group:default/team-a1',
      kind: 'Group',
      hash: 'h2',
      references: [{ type: 'childOf', targetRef: 'group:default/team-b' }],
      previousReferences: [
        { type: 'childOf', targetRef: 'group:default/team-a' },
      ],
    });
    await settle();

    expect(batches).toEqual([
      [
        'component:default/by-acme',
        'component:default/by-team-a',
        'component:default/by-team-a1',
        'component:default/by-team-b',
        'component:default/in-shop',
        'system:default/shop',
      ],
    ]);
  });

  it('without previousReferences, re-evaluates by the new content only, as before', async () => {
    const { change, batches, settle } = setup({ entities: reparented });

    change('group:default/team-a1');
    await settle();

    expect(batches).toEqual([
      [
        'component:default/by-acme',
        'component:default/by-team-a1',
        'component:default/by-team-b',
        'component:default/in-shop',
        'system:default/shop',
      ],
    ]);
  });

  it('re-evaluates what the groups a user left, and their ancestors, own', async () => {
    const { listener, batches, settle } = setup({
      entities: catalog.map(entity =>
        entity.metadata.name === 'alice'
          ? { ...entity, spec: { memberOf: [] } }
          : entity,
      ),
    });

    listener.onChange({
      entityRef: 'user:default/alice',
      kind: 'User',
      hash: 'h2',
      references: [],
      previousReferences: [
        { type: 'memberOf', targetRef: 'group:default/team-a1' },
      ],
    });
    await settle();

    expect(batches).toEqual([
      [
        'component:default/by-acme',
        'component:default/by-alice',
        'component:default/by-team-a',
        'component:default/by-team-a1',
      ],
    ]);
  });

  it('keeps the former references of every announcement in a batch, and skips malformed ones', async () => {
    const { listener, batches, settle } = setup({
      entities: catalog.map(entity =>
        entity.metadata.name === 'alice'
          ? { ...entity, spec: { memberOf: [] } }
          : entity,
      ),
    });
    const announce = (hash: string, previousReferences: unknown) =>
      listener.onChange({
        entityRef: 'user:default/alice',
        kind: 'User',
        hash,
        previousReferences,
      });

    // alice left team-b, then team-a1, within one batch.
    announce('h2', [
      { type: 'memberOf', targetRef: 'Group:default/Team-B' },
      { type: 'memberOf' },
      'group:default/team-a',
      null,
    ]);
    announce('h3', [{ type: 'memberOf', targetRef: 'group:default/team-a1' }]);
    announce('h4', 'not a list');
    await settle();

    expect(batches).toEqual([
      [
        'component:default/by-acme',
        'component:default/by-alice',
        'component:default/by-team-a',
        'component:default/by-team-a1',
        'component:default/by-team-b',
        'component:default/in-shop',
        'system:default/shop',
      ],
    ]);
  });

  it('re-evaluates a changed system itself and the entities in it', async () => {
    const { change, batches, evaluated, settle } = setup();

    change('system:default/shop');
    await settle();

    expect(evaluated).toEqual(['system:default/shop']);
    expect(batches).toEqual([['component:default/in-shop']]);
  });

  it('leaves a batch that affects too many entities to the sweep', async () => {
    const { change, batches, evaluated, logger, settle } = setup({
      maxEntities: 2,
    });

    change('group:default/acme');
    await settle();

    expect(batches).toEqual([]);
    expect(evaluated).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('left to the next sweep'),
    );
  });

  it('ignores other kinds and malformed events', async () => {
    const { listener, change, evaluated, catalogIndex, settle } = setup();

    change('location:default/generated-1');
    listener.onChange({ entityRef: 'component:default/x' });
    listener.onChange(undefined);
    await settle();

    expect(evaluated).toEqual([]);
    expect(catalogIndex.refresh).not.toHaveBeenCalled();
  });

  it('tries an entity the catalog has not stored yet again, waiting longer each time', async () => {
    const { change, compliance, evaluated } = setup();
    // Announced while the catalog processes it, stored only after the third try.
    compliance.evaluate
      .mockRejectedValueOnce(new NotFoundError('not yet'))
      .mockRejectedValueOnce(new NotFoundError('not yet'));

    change('component:default/new-one');
    await jest.advanceTimersByTimeAsync(DELAY);
    expect(compliance.evaluate).toHaveBeenCalledTimes(1);
    // The first try again waits twice the delay, then the batch delay.
    await jest.advanceTimersByTimeAsync(2 * DELAY + DELAY);
    expect(compliance.evaluate).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(4 * DELAY + DELAY);
    expect(compliance.evaluate).toHaveBeenCalledTimes(3);
    expect(evaluated).toEqual(['component:default/new-one']);

    // Evaluated: nothing more is tried.
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(compliance.evaluate).toHaveBeenCalledTimes(3);
  });

  it('gives up on an entity that never appears, after a few tries', async () => {
    const { change, compliance } = setup();
    compliance.evaluate.mockRejectedValue(new NotFoundError('gone'));

    change('component:default/deleted-meanwhile');
    await jest.advanceTimersByTimeAsync(30 * 60_000);
    expect(compliance.evaluate).toHaveBeenCalledTimes(6);
  });

  it('logs failures and keeps going; a failed batch is tried again on the next announcement', async () => {
    const { change, compliance, catalogIndex, evaluated, logger, settle } =
      setup();
    compliance.evaluate
      .mockRejectedValueOnce(new NotFoundError('gone'))
      .mockRejectedValueOnce(new Error('database down'));

    change('component:default/removed');
    change('component:default/by-acme');
    change('component:default/by-team-b');
    await settle();
    expect(evaluated).toEqual(['component:default/by-team-b']);
    expect(logger.warn).toHaveBeenCalledWith(
      'Compliance evaluation of component:default/by-acme failed',
      expect.objectContaining({ message: 'database down' }),
    );

    catalogIndex.refresh.mockRejectedValueOnce(new Error('catalog down'));
    change('group:default/team-b');
    await expect(settle()).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('failed'),
      expect.objectContaining({ message: 'catalog down' }),
    );

    change('group:default/team-b');
    await settle();
    expect(compliance.evaluateEntities).toHaveBeenCalledTimes(1);
  });

  it('subscribes to the topic and returns from the event at once', async () => {
    const events = mockServices.events();
    const { compliance } = setup();
    const listener = new CatalogChangeListener({
      events,
      logger: mockServices.logger.mock(),
      compliance,
      catalogIndex: { refresh: jest.fn() },
      kinds: ['component'],
      delayMs: DELAY,
    });
    await listener.subscribe();

    await events.publish({
      topic: ENTITY_CHANGED_TOPIC,
      eventPayload: {
        entityRef: 'component:default/Checkout',
        kind: 'Component',
        hash: 'h1',
      },
    });
    expect(compliance.evaluate).not.toHaveBeenCalled();

    await jest.advanceTimersByTimeAsync(DELAY);
    await listener.idle();
    expect(compliance.evaluate).toHaveBeenCalledWith(
      'component:default/checkout',
    );
  });

  it('re-evaluates an entity whose TechDocs were published, each time', async () => {
    const events = mockServices.events();
    const { compliance } = setup();
    const listener = new CatalogChangeListener({
      events,
      logger: mockServices.logger.mock(),
      compliance,
      catalogIndex: { refresh: jest.fn() },
      kinds: ['component'],
      delayMs: DELAY,
    });
    await listener.subscribe();
    const publish = (publishedAt: string) =>
      events.publish({
        topic: TECHDOCS_PUBLISHED_TOPIC,
        eventPayload: {
          entityRef: 'component:default/checkout',
          kind: 'Component',
          publishedAt,
        },
      });

    await publish('2026-11-25T10:00:00.000Z');
    await jest.advanceTimersByTimeAsync(DELAY);
    await listener.idle();
    await publish('2026-11-25T11:00:00.000Z');
    await jest.advanceTimersByTimeAsync(DELAY);
    await listener.idle();
    expect(compliance.evaluate).toHaveBeenCalledTimes(2);
    expect(compliance.evaluate).toHaveBeenCalledWith(
      'component:default/checkout',
    );

    await events.publish({
      topic: TECHDOCS_PUBLISHED_TOPIC,
      eventPayload: { entityRef: 'component:default/checkout' },
    });
    await jest.advanceTimersByTimeAsync(DELAY);
    await listener.idle();
    expect(compliance.evaluate).toHaveBeenCalledTimes(2);
  });

  it('drops the pending batch when stopped', async () => {
    const { listener, change, evaluated } = setup();
    change('component:default/by-acme');
    await listener.stop();
    change('component:default/by-team-b');
    await jest.advanceTimersByTimeAsync(DELAY);
    await listener.idle();
    expect(evaluated).toEqual([]);
  });
});
