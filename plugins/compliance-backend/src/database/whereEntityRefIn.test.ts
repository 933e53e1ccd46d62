import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseComplianceStore } from './DatabaseComplianceStore';
import { DatabaseReportStore } from './DatabaseReportStore';
import { migrateDatabase } from './migrateDatabase';
import { evaluation } from './testUtils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));

/** More refs than SQLite (32,766) and PostgreSQL (65,535) take bind parameters. */
function manyRefsAnd(...refs: string[]): Set<string> {
  const set = new Set(refs);
  for (let i = 0; i < 70_000; i++) set.add(`component:default/unknown-${i}`);
  return set;
}

describe.each(databases.eachSupportedId())(
  'reads restricted to visible entities on %p',
  id => {
    async function createStores() {
      const knex = await databases.init(id);
      await migrateDatabase(knex);
      const compliance = new DatabaseComplianceStore(knex);
      await compliance.saveEvaluations(
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
            { x: 'fail', y: 'pass' },
            { ownerRef: 'group:default/team-b' },
          ),
        ],
        { now: day(1), complete: true },
      );
      // c moves to team-b on day 2: its level history has two rows.
      await compliance.saveEvaluations(
        [
          evaluation(
            'component:default/c',
            { x: 'fail', y: 'exempt' },
            { ownerRef: 'group:default/team-b' },
          ),
        ],
        { now: day(2) },
      );
      return { compliance, reports: new DatabaseReportStore(knex) };
    }

    it('counts the rollup over the given entities only, however many', async () => {
      const { compliance } = await createStores();

      const counts = await compliance.getRollupCounts(
        {
          entityRefs: manyRefsAnd('component:default/a', 'component:default/c'),
        },
        { worstOffenders: 10 },
      );
      expect(counts).toEqual({
        entityCount: 2,
        compliantCount: 1,
        levels: { gold: 1, none: 1 },
        checks: { x: { pass: 1, fail: 1 }, y: { pass: 1, exempt: 1 } },
        worstOffenders: [
          {
            entityRef: 'component:default/c',
            ownerRef: 'group:default/team-b',
            failing: ['x'],
          },
        ],
      });

      const scoped = await compliance.getRollupCounts(
        {
          ownerRefs: ['group:default/team-a'],
          entityRefs: new Set(['component:default/b', 'component:default/c']),
        },
        { worstOffenders: 10 },
      );
      expect([scoped.entityCount, scoped.checks]).toEqual([
        1,
        { x: { fail: 1 }, y: { fail: 1 } },
      ]);

      const nothing = await compliance.getRollupCounts(
        { entityRefs: new Set() },
        { worstOffenders: 10 },
      );
      expect(nothing).toEqual({
        entityCount: 0,
        compliantCount: 0,
        levels: {},
        checks: {},
        worstOffenders: [],
      });
    });

    it('lists, counts and pages the given entities only', async () => {
      const { reports } = await createStores();
      const list = await reports.listEntities(
        {
          entityRefs: manyRefsAnd(
            'component:default/b',
            'component:default/c',
            'component:default/d',
          ),
        },
        { offset: 1, limit: 1 },
      );
      expect([list.items.map(i => i.entityRef), list.totalItems]).toEqual([
        ['component:default/c'],
        3,
      ]);
      const failing = await reports.listEntities(
        {
          entityRefs: new Set(['component:default/a', 'component:default/b']),
          checkId: 'x',
          status: 'fail',
        },
        { offset: 0, limit: 10 },
      );
      expect(failing.items.map(i => i.entityRef)).toEqual([
        'component:default/b',
      ]);
      expect(
        await reports.listEntities(
          { entityRefs: new Set() },
          { offset: 0, limit: 10 },
        ),
      ).toEqual({ items: [], totalItems: 0 });
    });

    it('counts per owner over the given entities only', async () => {
      const { reports } = await createStores();
      const counts = await reports.countByOwner({
        entityRefs: manyRefsAnd('component:default/a', 'component:default/d'),
      });
      expect(
        counts.sort((x, y) =>
          String(x.ownerRef).localeCompare(String(y.ownerRef)),
        ),
      ).toEqual([
        { ownerRef: 'group:default/team-a', entityCount: 1, compliantCount: 1 },
        { ownerRef: 'group:default/team-b', entityCount: 1, compliantCount: 0 },
      ]);
      expect(await reports.countByOwner({ entityRefs: new Set() })).toEqual([]);
    });

    it('reads the level history of the given entities only', async () => {
      const { reports } = await createStores();
      const { initial, changes } = await reports.getLevelChanges({
        from: day(2),
        until: day(3),
        ownerRefs: ['group:default/team-a'],
        entityRefs: manyRefsAnd('component:default/b', 'component:default/c'),
      });
      expect(initial.map(c => [c.entityRef, c.ownerRef])).toEqual([
        ['component:default/b', 'group:default/team-a'],
        ['component:default/c', 'group:default/team-a'],
      ]);
      expect(changes.map(c => [c.entityRef, c.ownerRef])).toEqual([
        ['component:default/c', 'group:default/team-b'],
      ]);
    });
  },
);
