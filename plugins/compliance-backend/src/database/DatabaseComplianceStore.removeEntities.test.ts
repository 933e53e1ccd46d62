import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseComplianceStore } from './DatabaseComplianceStore';
import { migrateDatabase } from './migrateDatabase';
import { evaluation } from './testUtils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const t1 = new Date('2026-01-01T00:00:00Z');
const t2 = new Date('2026-01-02T00:00:00Z');
const t3 = new Date('2026-01-03T00:00:00Z');

describe.each(databases.eachSupportedId())(
  'DatabaseComplianceStore.removeEntities on %p',
  id => {
    async function createStore() {
      const knex = await databases.init(id);
      await migrateDatabase(knex);
      return { knex, store: new DatabaseComplianceStore(knex) };
    }

    const removalRows = (
      knex: Awaited<ReturnType<typeof createStore>>['knex'],
      entityRef: string,
    ) =>
      knex('compliance_level_history').where({
        entity_ref: entityRef,
        removed: true,
      });

    it('removes the results and entity of deleted entities and records the removal', async () => {
      const { knex, store } = await createStore();
      await store.saveEvaluations(
        [
          evaluation('component:default/Gone', { x: 'pass', y: 'pass' }),
          evaluation('component:default/kept', { x: 'pass' }),
        ],
        { now: t1, complete: true },
      );
      await store.saveEvaluations(
        [evaluation('component:default/Gone', { x: 'pass', y: 'fail' })],
        { now: t2 },
      );

      await expect(
        store.removeEntities(
          ['component:default/Gone', 'component:default/never-stored'],
          { now: t3 },
        ),
      ).resolves.toBe(1);

      expect(await store.getEntity('component:default/Gone')).toBeUndefined();
      expect(
        await knex('compliance_results').where({
          entity_ref: 'component:default/Gone',
        }),
      ).toEqual([]);
      expect(await store.getEntity('component:default/kept')).toBeDefined();
      const [removal, ...more] = await removalRows(
        knex,
        'component:default/Gone',
      );
      expect(more).toEqual([]);
      expect(removal).toMatchObject({
        owner_ref: 'group:default/team-a',
        level: null,
      });
      expect(new Date(removal.changed_at).toISOString()).toBe(t3.toISOString());
      // The status history is the audit trail: it stays.
      expect(
        await store.getHistory('component:default/Gone', { limit: 10 }),
      ).toHaveLength(1);
      // The rollups no longer count it.
      expect(
        (await store.getRollupCounts({}, { worstOffenders: 10 })).entityCount,
      ).toBe(1);
    });

    it('writes nothing for refs that are not stored', async () => {
      const { knex, store } = await createStore();
      const revision = async () =>
        (await knex('compliance_state').where({ id: 1 }).first()).revision;
      const before = await revision();

      await expect(
        store.removeEntities(['component:default/x'], { now: t1 }),
      ).resolves.toBe(0);
      await expect(store.removeEntities([], { now: t1 })).resolves.toBe(0);
      expect(await knex('compliance_level_history')).toEqual([]);
      expect(await revision()).toBe(before);
    });

    it('is seen by the next sweep of the same and of another replica', async () => {
      const { knex, store: replicaA } = await createStore();
      const replicaB = new DatabaseComplianceStore(knex);
      const sweep = (
        store: DatabaseComplianceStore,
        refs: string[],
        now: Date,
      ) =>
        store.saveEvaluations(
          refs.map(ref => evaluation(ref, { x: 'pass' })),
          { now, complete: true },
        );
      // Both replicas hold a snapshot of the stored state from a sweep.
      await sweep(replicaA, ['component:default/a', 'component:default/b'], t1);
      await sweep(replicaB, ['component:default/a', 'component:default/b'], t1);

      await replicaA.removeEntities(['component:default/b'], { now: t2 });

      // B's sweep no longer sees b in the catalog: it must not remove it a second time.
      await sweep(replicaB, ['component:default/a'], t3);
      expect(await removalRows(knex, 'component:default/b')).toHaveLength(1);

      // b comes back (say, registered again): A must store it as new, not as unchanged.
      await sweep(replicaA, ['component:default/a', 'component:default/b'], t3);
      const stored = await replicaA.getEntity('component:default/b');
      expect(stored?.firstEvaluatedAt).toBe(t3.toISOString());
      expect(stored?.results.map(r => r.checkId)).toEqual(['x']);
    });
  },
);
