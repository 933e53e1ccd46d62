import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogIndex } from '@runway/plugin-compliance-node';
import { InMemoryCatalogIndex } from '../catalog/InMemoryCatalogIndex';
import { component, group, system, user } from '../testing/testBackend';
import { CatalogDeletionReconciler } from './CatalogDeletionReconciler';

// acme ─┬─ team-a ── team-a1
//       └─ team-b
const catalog: Entity[] = [
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
  component('by-alice', { owner: 'user:alice' }),
  component('in-shop', { owner: 'acme', system: 'shop' }),
  component('Legacy', { owner: 'team-b' }),
];

const without = (...names: string[]) =>
  catalog.filter(entity => !names.includes(entity.metadata.name));

function setup(options: { maxEntities?: number } = {}) {
  const logger = mockServices.logger.mock();
  let current: Entity[] = catalog;
  const removed: string[][] = [];
  const batches: Array<{ refs: string[]; index: CatalogIndex }> = [];
  const compliance = {
    removeEntities: jest.fn(async (refs: string[]) => {
      removed.push([...refs].sort());
      return refs.length;
    }),
    evaluateEntities: jest.fn(
      async (refs: Iterable<string>, index: CatalogIndex) => {
        const sorted = [...refs].sort();
        batches.push({ refs: sorted, index });
        return { entities: sorted.length, changes: 0 };
      },
    ),
  };
  const catalogIndex = {
    refresh: jest.fn(async () => InMemoryCatalogIndex.fromEntities(current)),
  };
  const reconciler = new CatalogDeletionReconciler({
    logger,
    compliance,
    catalogIndex,
    kinds: ['component', 'api', 'resource', 'system'],
    maxEntities: options.maxEntities,
  });
  const setCatalog = (entities: Entity[]) => {
    current = entities;
  };
  return {
    reconciler,
    compliance,
    catalogIndex,
    logger,
    removed,
    batches,
    setCatalog,
  };
}

describe('CatalogDeletionReconciler', () => {
  it('only takes note of the catalog on its first run', async () => {
    const { reconciler, setCatalog, compliance } = setup();
    setCatalog(without('team-a', 'Legacy'));
    await expect(reconciler.reconcile()).resolves.toEqual({
      deleted: 0,
      removed: 0,
      evaluated: 0,
    });
    expect(compliance.removeEntities).not.toHaveBeenCalled();
    expect(compliance.evaluateEntities).not.toHaveBeenCalled();
  });

  it('does nothing when nothing was deleted, even if entities were added', async () => {
    const { reconciler, setCatalog, compliance } = setup();
    await reconciler.reconcile();
    setCatalog([...catalog, component('new', { owner: 'acme' })]);
    await expect(reconciler.reconcile()).resolves.toEqual({
      deleted: 0,
      removed: 0,
      evaluated: 0,
    });
    expect(compliance.evaluateEntities).not.toHaveBeenCalled();
    expect(compliance.removeEntities).not.toHaveBeenCalled();
  });

  it('removes the stored compliance of a deleted component', async () => {
    const { reconciler, setCatalog, removed, batches } = setup();
    await reconciler.reconcile();
    setCatalog(without('Legacy'));

    await expect(reconciler.reconcile()).resolves.toEqual({
      deleted: 1,
      removed: 1,
      evaluated: 0,
    });
    expect(removed).toEqual([['component:default/legacy']]);
    expect(batches).toEqual([]);

    // Handled once: the next run compares with the catalog without it.
    await reconciler.reconcile();
    expect(removed).toHaveLength(1);
  });

  it("re-evaluates what a deleted group, its ancestors and descendants owned, against today's catalog", async () => {
    const { reconciler, setCatalog, removed, batches } = setup();
    await reconciler.reconcile();
    setCatalog(without('team-a'));

    await reconciler.reconcile();

    // A group is not an evaluated kind: nothing of its own is stored.
    expect(removed).toEqual([]);
    expect(batches.map(b => b.refs)).toEqual([
      [
        'component:default/by-acme',
        'component:default/by-team-a',
        'component:default/by-team-a1',
        'component:default/in-shop',
      ],
    ]);
    // Evaluated against the catalog now, where team-a is gone (owner-exists fails).
    expect(batches[0].index.get('group:default/team-a')).toBeUndefined();
    expect(batches[0].index.get('component:default/by-team-a')).toBeDefined();
  });

  it('re-evaluates what a deleted user owned and what its groups own; and the entities of a deleted system', async () => {
    const { reconciler, setCatalog, removed, batches } = setup();
    await reconciler.reconcile();
    setCatalog(without('alice', 'shop'));

    await reconciler.reconcile();

    expect(removed).toEqual([['system:default/shop']]);
    expect(batches.map(b => b.refs)).toEqual([
      [
        'component:default/by-acme',
        'component:default/by-alice',
        'component:default/by-team-b',
        'component:default/in-shop',
        'component:default/legacy',
      ],
    ]);
  });

  it('leaves more affected entities than maxEntities to the sweep, but still removes', async () => {
    const { reconciler, setCatalog, removed, batches, logger } = setup({
      maxEntities: 2,
    });
    await reconciler.reconcile();
    setCatalog(without('acme', 'Legacy'));

    await reconciler.reconcile();

    expect(removed).toEqual([['component:default/legacy']]);
    expect(batches).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('left to the next sweep'),
    );
  });

  it('does not take an empty catalog read for the deletion of everything', async () => {
    const { reconciler, setCatalog, compliance, logger } = setup();
    await reconciler.reconcile();
    setCatalog([]);
    await reconciler.reconcile();
    expect(compliance.removeEntities).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalled();

    // Still compared with the last good read.
    setCatalog(without('Legacy'));
    await reconciler.reconcile();
    expect(compliance.removeEntities).toHaveBeenCalledWith([
      'component:default/legacy',
    ]);
  });

  it('finds the same deletions again after a failed run', async () => {
    const { reconciler, setCatalog, compliance, batches } = setup();
    await reconciler.reconcile();
    setCatalog(without('team-b'));
    compliance.evaluateEntities.mockRejectedValueOnce(
      new Error('database down'),
    );

    await expect(reconciler.reconcile()).rejects.toThrow('database down');
    await reconciler.reconcile();

    expect(batches.map(b => b.refs)).toEqual([
      [
        'component:default/by-acme',
        'component:default/by-team-b',
        'component:default/in-shop',
        'component:default/legacy',
        'system:default/shop',
      ],
    ]);
  });
});
