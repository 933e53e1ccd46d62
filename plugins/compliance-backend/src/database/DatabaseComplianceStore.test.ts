import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseComplianceStore } from './DatabaseComplianceStore';
import { migrateDatabase, migrationsDirectory } from './migrateDatabase';
import { evaluation } from './testUtils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const historyRow = (entityRef: string, changedAt: Date) => ({
  entity_ref: entityRef,
  owner_ref: 'group:default/team-a',
  level: 'bronze',
  removed: false,
  changed_at: changedAt,
});

describe.each(databases.eachSupportedId())(
  'DatabaseComplianceStore on %p',
  id => {
    async function createStore() {
      const knex = await databases.init(id);
      await migrateDatabase(knex);
      return { knex, store: new DatabaseComplianceStore(knex) };
    }

    it('migrates up and down', async () => {
      const knex = await databases.init(id);
      const directory = migrationsDirectory();
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('compliance_results')).toBe(true);
      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('compliance_results')).toBe(false);
    });

    it('backfills when entities stored before first_evaluated_at were first evaluated', async () => {
      const knex = await databases.init(id);
      const directory = migrationsDirectory();
      await knex.migrate.latest({ directory });
      const name = '20261125030000_first_evaluated_at.js';
      await knex.migrate.down({ directory, name });
      const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));
      const entity = (ref: string, changedAt: Date) => ({
        entity_ref: ref,
        owner_ref: 'group:default/team-a',
        level: 'bronze',
        failing_count: 0,
        changed_at: changedAt,
      });
      await knex('compliance_entities').insert([
        entity('component:default/tracked', day(5)),
        entity('component:default/untracked', day(6)),
      ]);
      // tracked appeared on day 1 and changed level on day 3; a removal row is no evaluation.
      await knex('compliance_level_history').insert([
        { ...historyRow('component:default/tracked', day(3)) },
        { ...historyRow('component:default/tracked', day(1)) },
        {
          ...historyRow('component:default/tracked', day(0)),
          removed: true,
        },
      ]);
      await knex.migrate.up({ directory, name });

      const store = new DatabaseComplianceStore(knex);
      expect(
        (await store.getEntity('component:default/tracked'))?.firstEvaluatedAt,
      ).toBe(day(1).toISOString());
      // No level history: the last change is the best that is known.
      expect(
        (await store.getEntity('component:default/untracked'))
          ?.firstEvaluatedAt,
      ).toBe(day(6).toISOString());
    });

    it('writes a history row only when a status changes', async () => {
      const { store } = await createStore();
      const t1 = new Date('2026-01-01T00:00:00Z');
      const t2 = new Date('2026-01-02T00:00:00Z');
      const t3 = new Date('2026-01-03T00:00:00Z');

      const first = await store.saveEvaluations(
        [evaluation('component:default/a', { x: 'pass', y: 'pass' })],
        { now: t1 },
      );
      expect(first.map(t => [t.checkId, t.from, t.to])).toEqual([
        ['x', null, 'pass'],
        ['y', null, 'pass'],
      ]);

      const unchanged = await store.saveEvaluations(
        [evaluation('component:default/a', { x: 'pass', y: 'pass' })],
        { now: t2 },
      );
      expect(unchanged).toEqual([]);

      const changed = await store.saveEvaluations(
        [evaluation('component:default/a', { x: 'pass', y: 'fail' })],
        { now: t3 },
      );
      expect(changed.map(t => [t.checkId, t.from, t.to])).toEqual([
        ['y', 'pass', 'fail'],
      ]);

      const history = await store.getHistory('component:default/a', {
        limit: 10,
      });
      // Newest first; within one save, the later-written row first.
      // A first evaluation is not a change: it is the entity's firstEvaluatedAt.
      expect(history.map(h => [h.checkId, h.fromStatus, h.toStatus])).toEqual([
        ['y', 'pass', 'fail'],
      ]);

      const stored = await store.getEntity('component:default/a');
      expect(stored?.failingCount).toBe(1);
      expect(stored?.firstEvaluatedAt).toBe(t1.toISOString());
      // `since` is when the status last changed, not the last evaluation.
      expect(stored?.results.find(r => r.checkId === 'x')?.evaluatedAt).toBe(
        t1.toISOString(),
      );
      expect(stored?.results.find(r => r.checkId === 'y')?.evaluatedAt).toBe(
        t3.toISOString(),
      );
    });

    it('sees writes by another replica between two sweeps of its own', async () => {
      const { knex } = await createStore();
      const replicaA = new DatabaseComplianceStore(knex);
      const replicaB = new DatabaseComplianceStore(knex);
      const now = new Date();

      await replicaA.saveEvaluations(
        [evaluation('component:default/a', { x: 'pass' })],
        {
          now,
          complete: true,
        },
      );
      // B re-evaluates one entity (a "Re-evaluate now" served by another replica).
      const changedByB = await replicaB.saveEvaluations(
        [evaluation('component:default/a', { x: 'fail' })],
        { now },
      );
      expect(changedByB.map(t => t.to)).toEqual(['fail']);

      // A's next sweep finds the entity passing again: that is a change from B's fail, not
      // "nothing changed" as A's own memory of the last sweep would say.
      const changedByA = await replicaA.saveEvaluations(
        [evaluation('component:default/a', { x: 'pass' })],
        { now, complete: true },
      );
      expect(changedByA.map(t => [t.from, t.to])).toEqual([['fail', 'pass']]);
      expect(
        await replicaA.saveEvaluations(
          [evaluation('component:default/a', { x: 'pass' })],
          {
            now,
            complete: true,
          },
        ),
      ).toEqual([]);
    });

    it('removes entities that left the catalog on a complete sweep', async () => {
      const { store } = await createStore();
      const now = new Date();
      await store.saveEvaluations(
        [
          evaluation('component:default/a', { x: 'pass' }),
          evaluation('component:default/b', { x: 'fail' }),
        ],
        { now, complete: true },
      );
      await store.saveEvaluations(
        [evaluation('component:default/a', { x: 'pass' })],
        {
          now,
          complete: true,
        },
      );
      expect(await store.getEntity('component:default/b')).toBeUndefined();
      expect(await store.getEntity('component:default/a')).toBeDefined();
    });

    it('saves a sweep added one evaluation at a time, as a batch save would', async () => {
      const { store } = await createStore();
      const first = new Date('2026-11-20T10:00:00Z');
      await store.saveEvaluations(
        [
          evaluation('component:default/a', { x: 'pass', y: 'pass' }),
          evaluation('component:default/gone', { x: 'pass' }),
        ],
        { now: first, complete: true },
      );

      const later = new Date('2026-11-21T10:00:00Z');
      const save = await store.startSave({ now: later });
      save.add(evaluation('component:default/a', { x: 'fail', y: 'pass' }));
      save.add(evaluation('component:default/new', { x: 'pass' }));
      const transitions = await save.commit({ complete: true });

      expect(
        transitions.map(t => [t.entityRef, t.checkId, t.from, t.to]),
      ).toEqual([
        ['component:default/a', 'x', 'pass', 'fail'],
        ['component:default/new', 'x', null, 'pass'],
      ]);
      expect(await store.getEntity('component:default/gone')).toBeUndefined();
      const a = await store.getEntity('component:default/a');
      expect(a?.failingCount).toBe(1);
      expect(a?.results.find(r => r.checkId === 'y')?.evaluatedAt).toBe(
        first.toISOString(),
      );
      expect(
        await store.getHistory('component:default/a', { limit: 10 }),
      ).toHaveLength(1);
    });

    it('refuses to remove unsaved entities from a save that read only some', async () => {
      const { knex, store } = await createStore();
      const now = new Date();
      await store.saveEvaluations(
        [
          evaluation('component:default/a', { x: 'pass' }),
          evaluation('component:default/b', { x: 'pass' }),
        ],
        { now, complete: true },
      );
      // Another writer makes the in-memory snapshot stale, so the save reads only `a`.
      const other = new DatabaseComplianceStore(knex);
      await other.saveEvaluations(
        [evaluation('component:default/b', { x: 'fail' })],
        { now },
      );
      const save = await store.startSave({
        now,
        entityRefs: ['component:default/a'],
      });
      save.add(evaluation('component:default/a', { x: 'pass' }));
      await expect(save.commit({ complete: true })).rejects.toThrow(
        'A complete save needs the whole stored state',
      );
      expect(await store.getEntity('component:default/b')).toBeDefined();
    });

    it('counts statuses, levels and worst offenders for a scope', async () => {
      const { store } = await createStore();
      const now = new Date();
      await store.saveEvaluations(
        [
          evaluation(
            'component:default/a',
            { x: 'pass', y: 'pass' },
            { level: 'gold' },
          ),
          evaluation('component:default/b', { x: 'fail', y: 'fail' }),
          evaluation('component:default/c', { x: 'fail', y: 'exempt' }),
          evaluation(
            'component:default/d',
            { x: 'fail', y: 'fail' },
            { ownerRef: 'group:default/team-b' },
          ),
        ],
        { now, complete: true },
      );

      const counts = await store.getRollupCounts(
        { ownerRefs: ['group:default/team-a'] },
        { worstOffenders: 2 },
      );

      expect(counts.entityCount).toBe(3);
      expect(counts.compliantCount).toBe(1);
      expect(counts.levels).toEqual({ gold: 1, none: 2 });
      expect(counts.checks).toEqual({
        x: { pass: 1, fail: 2 },
        y: { pass: 1, fail: 1, exempt: 1 },
      });
      expect(counts.worstOffenders).toEqual([
        {
          entityRef: 'component:default/b',
          ownerRef: 'group:default/team-a',
          failing: ['x', 'y'],
        },
        {
          entityRef: 'component:default/c',
          ownerRef: 'group:default/team-a',
          failing: ['x'],
        },
      ]);
    });

    it('decides an exemption once, and expires it after its date', async () => {
      const { store } = await createStore();
      const exemption = await store.createExemption({
        entityRef: 'component:default/a',
        checkId: 'x',
        reason: 'migrating',
        requestedBy: 'user:default/alice',
        requestedAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2026-02-01T00:00:00.000Z',
      });
      expect(exemption.status).toBe('pending');

      const approved = await store.decideExemption(exemption.id, {
        status: 'approved',
        decidedBy: 'user:default/bob',
        decidedAt: '2026-01-02T00:00:00.000Z',
      });
      expect(approved).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/bob',
      });

      const again = await store.decideExemption(exemption.id, {
        status: 'rejected',
        decidedBy: 'user:default/priya',
        decidedAt: '2026-01-03T00:00:00.000Z',
      });
      expect(again).toBeUndefined();

      expect(
        await store.expireExemptions(new Date('2026-01-15T00:00:00Z')),
      ).toEqual([]);
      const expired = await store.expireExemptions(
        new Date('2026-02-02T00:00:00Z'),
      );
      expect(expired.map(e => e.id)).toEqual([exemption.id]);
      expect((await store.getExemption(exemption.id))?.status).toBe('expired');
    });

    it('keeps the latest pushed result per entity and check', async () => {
      const { store } = await createStore();
      const base = {
        entityRef: 'component:default/a',
        checkId: 'ci.sast',
        reportedBy: 'external:ci',
      };
      await store.saveExternalResult({
        ...base,
        status: 'fail',
        message: 'old',
        reportedAt: '2026-01-01T00:00:00.000Z',
      });
      await store.saveExternalResult({
        ...base,
        status: 'pass',
        message: 'new',
        reportedAt: '2026-01-02T00:00:00.000Z',
      });
      expect(
        await store.listExternalResults({ entityRef: base.entityRef }),
      ).toEqual([expect.objectContaining({ status: 'pass', message: 'new' })]);
    });
  },
);
