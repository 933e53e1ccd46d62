import { mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import type { CatalogIndex } from '@runway/plugin-compliance-node';
import { InMemoryCatalogIndex } from '../catalog/InMemoryCatalogIndex';
import type { CatchUpStore } from '../database/CatchUpStore';
import { component, group, system, user } from '../testing/testBackend';
import { CatalogCatchUp } from './CatalogCatchUp';

const KINDS = ['component', 'api', 'resource', 'system'];

// acme ─┬─ team-a ── team-a1
//       └─ team-b (alice)
const organisation: Entity[] = [
  group('acme'),
  group('team-a', 'acme'),
  group('team-a1', 'team-a'),
  group('team-b', 'acme'),
  user('alice', 'team-b'),
  system('shop', 'team-b'),
  component('by-acme', { owner: 'acme' }),
  component('by-team-a', { owner: 'team-a' }),
  component('by-team-a1', { owner: 'team-a1' }),
  component('by-team-b', { owner: 'team-b' }),
  component('in-shop', { owner: 'acme', system: 'shop' }),
  component('Legacy', { owner: 'team-b' }),
].map(entity => withEtag(entity, 'v1'));

function withEtag(entity: Entity, etag: string): Entity {
  return { ...entity, metadata: { ...entity.metadata, etag } };
}

/**
 * A catalog that can change, and a store and service that behave as the real ones do for
 * the catch-up: each evaluation stores the etag of the entity it was evaluated from.
 */
function setup(
  options: {
    maxEntities?: number;
    retryForMs?: number;
    retryDelayMs?: number;
  } = {},
) {
  let catalog = organisation;
  let version = 1;
  const evaluatedEtags = new Map<string, string | null>();
  const relatedEtags = new Map<string, string>();
  const store: CatchUpStore = {
    listEvaluatedEtags: async () => new Map(evaluatedEtags),
    listRelatedEtags: async () => new Map(relatedEtags),
    saveRelatedEtags: jest.fn(async ({ etags, removedRefs }) => {
      for (const [entityRef, etag] of etags) relatedEtags.set(entityRef, etag);
      for (const entityRef of removedRefs) relatedEtags.delete(entityRef);
    }),
  };
  const evaluations: string[][] = [];
  const compliance = {
    evaluateEntities: jest.fn(
      async (refs: Iterable<string>, index: CatalogIndex) => {
        const batch: string[] = [];
        for (const entityRef of refs) {
          const entity = index.get(entityRef);
          if (!entity || !KINDS.includes(entity.kind.toLowerCase())) continue;
          evaluatedEtags.set(
            stringifyEntityRef(entity),
            entity.metadata.etag ?? null,
          );
          batch.push(entityRef);
        }
        evaluations.push(batch.sort());
        return { entities: batch.length, changes: 0 };
      },
    ),
    removeEntities: jest.fn(async (refs: string[]) => {
      for (const entityRef of refs) evaluatedEtags.delete(entityRef);
      return refs.length;
    }),
  };
  const catalogIndex = {
    refresh: jest.fn(async () => InMemoryCatalogIndex.fromEntities(catalog)),
  };
  const triggerSweep = jest.fn(async () => {});
  const logger = mockServices.logger.mock();
  /** A new start of the backend: a new catch-up on the same store and catalog. */
  const start = () =>
    new CatalogCatchUp({
      logger,
      store,
      compliance,
      catalogIndex,
      kinds: KINDS,
      triggerSweep,
      ...options,
    });
  /** Changes entities as the catalog would: new content, new etag. */
  const edit = (
    names: string[],
    change: (entity: Entity) => Entity = e => e,
  ) => {
    version += 1;
    catalog = catalog.map(entity =>
      names.includes(entity.metadata.name)
        ? withEtag(change(structuredClone(entity)), `v${version}`)
        : entity,
    );
  };
  const setCatalog = (entities: Entity[]) => {
    catalog = entities;
  };
  const without = (...names: string[]) =>
    catalog.filter(entity => !names.includes(entity.metadata.name));
  /** Forgets what the fakes were called with so far. */
  const clear = () => {
    evaluations.length = 0;
    jest.clearAllMocks();
  };
  return {
    start,
    edit,
    setCatalog,
    without,
    clear,
    store,
    compliance,
    catalogIndex,
    triggerSweep,
    logger,
    evaluations,
    relatedEtags,
    get catalog() {
      return catalog;
    },
  };
}

/** A first start evaluates everything; what each test does happens after it. */
async function caughtUp(options: { maxEntities?: number } = {}) {
  const context = setup(options);
  await context.start().catchUp();
  context.clear();
  return context;
}

describe('CatalogCatchUp', () => {
  it('evaluates everything never evaluated, then nothing at a start where nothing changed', async () => {
    const { start, evaluations, compliance, logger, clear } = setup();
    await expect(start().catchUp()).resolves.toEqual({
      changed: 0,
      new: 7,
      removed: 0,
      affected: 0,
      sweep: false,
    });
    expect(evaluations).toEqual([
      [
        'component:default/by-acme',
        'component:default/by-team-a',
        'component:default/by-team-a1',
        'component:default/by-team-b',
        'component:default/in-shop',
        'component:default/legacy',
        'system:default/shop',
      ],
    ]);

    clear();
    await expect(start().catchUp()).resolves.toEqual({
      changed: 0,
      new: 0,
      removed: 0,
      affected: 0,
      sweep: false,
    });
    expect(compliance.evaluateEntities).not.toHaveBeenCalled();
    expect(compliance.removeEntities).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      'Compliance catch-up at start: 0 changed, 0 new, 0 removed; 0 more affected by 0 changed groups, users or systems',
    );
  });

  it('evaluates what changed and what is new, and removes what left the catalog', async () => {
    const {
      start,
      edit,
      setCatalog,
      without,
      evaluations,
      compliance,
      logger,
    } = await caughtUp();
    edit(['by-team-a'], entity => {
      entity.spec!.lifecycle = 'sunset';
      return entity;
    });
    setCatalog([
      ...without('Legacy'),
      withEtag(component('fresh', { owner: 'team-a' }), 'v1'),
    ]);

    await expect(start().catchUp()).resolves.toEqual({
      changed: 1,
      new: 1,
      removed: 1,
      affected: 0,
      sweep: false,
    });
    expect(evaluations).toEqual([
      ['component:default/by-team-a', 'component:default/fresh'],
    ]);
    expect(compliance.removeEntities).toHaveBeenCalledWith([
      'component:default/legacy',
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      'Compliance catch-up at start: 1 changed, 1 new, 1 removed; 0 more affected by 0 changed groups, users or systems',
    );
  });

  it('evaluates an entity whose etag was not recorded, or that has none', async () => {
    const { start, setCatalog, without, evaluations, catalog } =
      await caughtUp();
    const inShop = catalog.find(e => e.metadata.name === 'in-shop')!;
    setCatalog([
      ...without('in-shop'),
      { ...inShop, metadata: { ...inShop.metadata, etag: undefined } },
    ]);
    await expect(start().catchUp()).resolves.toMatchObject({ changed: 1 });
    expect(evaluations).toEqual([['component:default/in-shop']]);
  });

  it('re-evaluates the entities of a changed system', async () => {
    const { start, edit, evaluations } = await caughtUp();
    edit(['shop'], entity => {
      entity.spec!.owner = 'team-a';
      return entity;
    });
    await expect(start().catchUp()).resolves.toMatchObject({
      changed: 1,
      affected: 1,
    });
    expect(evaluations).toEqual([
      ['component:default/in-shop', 'system:default/shop'],
    ]);
  });

  it("re-evaluates what a user's former group owns: the group's etag changed too", async () => {
    const { start, edit, evaluations, relatedEtags } = await caughtUp();
    // alice moves to team-a1; the catalog stitches hasMember into both groups.
    edit(['alice'], entity => {
      entity.spec!.memberOf = ['team-a1'];
      return entity;
    });
    edit(['team-b', 'team-a1']);

    const summary = await start().catchUp();
    expect(summary).toMatchObject({ changed: 0, new: 0, removed: 0 });
    expect(evaluations[0]).toEqual(
      expect.arrayContaining([
        'component:default/by-team-b',
        'component:default/legacy',
        'component:default/by-team-a1',
      ]),
    );
    expect(summary?.affected).toBe(evaluations[0].length);
    expect(relatedEtags.get('user:default/alice')).toBe('v2');
    expect(relatedEtags.get('group:default/team-b')).toBe('v3');
  });

  it('re-evaluates what a deleted group owned, and forgets its etag', async () => {
    const { start, edit, setCatalog, without, evaluations, relatedEtags } =
      await caughtUp();
    setCatalog(without('team-a1'));
    edit(['team-a']);
    await start().catchUp();
    expect(evaluations[0]).toEqual(
      expect.arrayContaining([
        'component:default/by-team-a1',
        'component:default/by-team-a',
      ]),
    );
    expect(relatedEtags.has('group:default/team-a1')).toBe(false);
  });

  it('records the etags of groups, users and systems only once what they affect is evaluated', async () => {
    const { start, edit, compliance, store, evaluations } = await caughtUp();
    edit(['team-b']);
    compliance.evaluateEntities.mockRejectedValueOnce(
      new Error('database down'),
    );
    await expect(start().catchUp()).rejects.toThrow('database down');
    expect(store.saveRelatedEtags).not.toHaveBeenCalled();

    await start().catchUp();
    expect(evaluations[0]).toEqual(
      expect.arrayContaining(['component:default/by-team-b']),
    );
  });

  it('leaves more than maxEntities to a sweep it triggers', async () => {
    const { start, triggerSweep, compliance, relatedEtags, logger } = setup({
      maxEntities: 3,
    });
    await expect(start().catchUp()).resolves.toMatchObject({
      new: 7,
      sweep: true,
    });
    expect(triggerSweep).toHaveBeenCalledTimes(1);
    expect(compliance.evaluateEntities).not.toHaveBeenCalled();
    expect(compliance.removeEntities).not.toHaveBeenCalled();
    // The sweep runs after this read of the catalog: it covers these changes.
    expect(relatedEtags.get('group:default/acme')).toBe('v1');
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'more than 3 to evaluate, left to a sweep triggered now',
      ),
    );
  });

  it('triggers the sweep again until one that is running has finished', async () => {
    const { start, triggerSweep, relatedEtags, catalogIndex } = setup({
      maxEntities: 3,
      retryDelayMs: 1,
    });
    const running = new ConflictError(
      'Task compliance-sweep is currently running',
    );
    triggerSweep.mockRejectedValueOnce(running).mockRejectedValueOnce(running);
    await expect(start().catchUpOnce()).resolves.toMatchObject({
      sweep: true,
    });
    expect(triggerSweep).toHaveBeenCalledTimes(3);
    expect(catalogIndex.refresh).toHaveBeenCalledTimes(1);
    expect(relatedEtags.size).toBeGreaterThan(0);
  });

  it('tries again at a later run when the sweep runs for too long', async () => {
    const { start, triggerSweep, relatedEtags } = setup({
      maxEntities: 3,
      retryForMs: 0,
    });
    triggerSweep.mockRejectedValueOnce(
      new ConflictError('Task compliance-sweep is currently running'),
    );
    const catchUp = start();
    await expect(catchUp.catchUpOnce()).resolves.toBeUndefined();
    expect(relatedEtags.size).toBe(0);
    await expect(catchUp.catchUpOnce()).resolves.toMatchObject({
      sweep: true,
    });
  });

  it('fails on other errors of the trigger', async () => {
    const { start, triggerSweep } = setup({ maxEntities: 3 });
    triggerSweep.mockRejectedValueOnce(new Error('no such task'));
    await expect(start().catchUpOnce()).rejects.toThrow('no such task');
  });

  it('does its work once per start', async () => {
    const { start, catalogIndex } = setup();
    const catchUp = start();
    await expect(catchUp.catchUpOnce()).resolves.toMatchObject({ new: 7 });
    await expect(catchUp.catchUpOnce()).resolves.toBeUndefined();
    expect(catalogIndex.refresh).toHaveBeenCalledTimes(1);
  });

  it('does not take an empty catalog for one whose entities were all deleted', async () => {
    const { start, setCatalog, compliance, logger, catalog } = await caughtUp();
    const entities = catalog;
    setCatalog([]);
    const catchUp = start();
    await expect(catchUp.catchUpOnce()).resolves.toBeUndefined();
    expect(compliance.removeEntities).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('read no entities from the catalog'),
    );

    setCatalog(entities);
    await expect(catchUp.catchUpOnce()).resolves.toMatchObject({
      removed: 0,
    });
  });

  it('evaluates an entity both changed and affected once', async () => {
    const { start, edit, evaluations } = await caughtUp();
    // Legacy changed, and so did its owner: affectedByChanges gives lower-case refs.
    edit(['Legacy', 'team-b']);
    await start().catchUp();
    expect(
      evaluations[0].filter(
        r => r.toLowerCase() === 'component:default/legacy',
      ),
    ).toHaveLength(1);
  });
});
