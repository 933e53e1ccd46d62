import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CheckStatus } from '@runway/plugin-compliance-common';
import { InMemoryCatalogIndex } from '../catalog/InMemoryCatalogIndex';
import type { EntityEvaluation } from '../database/ComplianceStore';
import { DatabaseComplianceStore } from '../database/DatabaseComplianceStore';
import { DatabaseReportStore } from '../database/DatabaseReportStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { ComplianceReports } from './ComplianceReports';
import { ALL_ENTITIES } from './visibleEntities';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});
const index = InMemoryCatalogIndex.fromEntities([
  group('eng'),
  group('team-a', 'eng'),
  group('team-b', 'eng'),
  group('sales'),
]);

function evaluation(
  entityRef: string,
  ownerRef: string,
  level: string | null,
  status: CheckStatus = level ? 'pass' : 'fail',
): EntityEvaluation {
  return {
    entityRef,
    ownerRef,
    level,
    results: [{ checkId: 'x', title: 'x', status, message: status }],
  };
}

describe.each(databases.eachSupportedId())('ComplianceReports on %p', id => {
  async function setup(now: () => Date) {
    const knex = await databases.init(id);
    await migrateDatabase(knex);
    const compliance = new DatabaseComplianceStore(knex);
    const reports = new ComplianceReports({
      store: new DatabaseReportStore(knex),
      catalogIndex: async () => index,
      levelIds: ['bronze', 'silver'],
      now,
    });
    return { compliance, reports };
  }

  it('replays level changes over the days into the trend, for a group and its subgroups', async () => {
    let now = new Date('2026-11-20T10:00:00Z');
    const { compliance, reports } = await setup(() => now);
    const save = (evaluations: EntityEvaluation[], complete = false) =>
      compliance.saveEvaluations(evaluations, { now, complete });

    await save(
      [
        evaluation('component:default/a', 'group:default/team-a', null),
        evaluation('component:default/b', 'group:default/team-b', 'bronze'),
        evaluation('component:default/s', 'group:default/sales', 'silver'),
      ],
      true,
    );
    now = new Date('2026-11-21T08:00:00Z');
    await save([
      evaluation('component:default/a', 'group:default/team-a', 'bronze'),
    ]);
    now = new Date('2026-11-21T17:00:00Z');
    await save([
      evaluation('component:default/a', 'group:default/team-a', 'silver'),
    ]);
    now = new Date('2026-11-23T12:00:00Z');
    // b leaves the catalog.
    await save(
      [
        evaluation('component:default/a', 'group:default/team-a', 'silver'),
        evaluation('component:default/s', 'group:default/sales', 'silver'),
      ],
      true,
    );

    now = new Date('2026-11-24T09:00:00Z');
    const org = await reports.trend({ days: 6 }, ALL_ENTITIES);
    expect(org.points).toEqual([
      { date: '2026-11-19', levels: { none: 0, bronze: 0, silver: 0 } },
      { date: '2026-11-20', levels: { none: 1, bronze: 1, silver: 1 } },
      { date: '2026-11-21', levels: { none: 0, bronze: 1, silver: 2 } },
      { date: '2026-11-22', levels: { none: 0, bronze: 1, silver: 2 } },
      { date: '2026-11-23', levels: { none: 0, bronze: 0, silver: 2 } },
      { date: '2026-11-24', levels: { none: 0, bronze: 0, silver: 2 } },
    ]);

    const eng = await reports.trend(
      { ownerRef: 'group:default/eng', days: 3 },
      ALL_ENTITIES,
    );
    expect(eng.points).toEqual([
      { date: '2026-11-22', levels: { none: 0, bronze: 1, silver: 1 } },
      { date: '2026-11-23', levels: { none: 0, bronze: 0, silver: 1 } },
      { date: '2026-11-24', levels: { none: 0, bronze: 0, silver: 1 } },
    ]);

    expect((await reports.trend({}, ALL_ENTITIES)).points).toHaveLength(30);
  });

  it('lists the entities of a group and its subgroups, and builds the tree', async () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const { compliance, reports } = await setup(() => now);
    await compliance.saveEvaluations(
      [
        evaluation('component:default/a', 'group:default/team-a', null),
        evaluation('component:default/b', 'group:default/team-b', 'bronze'),
        evaluation('component:default/c', 'group:default/eng', 'bronze'),
        evaluation('component:default/s', 'group:default/sales', 'silver'),
      ],
      { now, complete: true },
    );

    const eng = await reports.listEntities(
      { ownerRef: 'group:default/eng' },
      ALL_ENTITIES,
    );
    expect(eng.items.map(i => i.entityRef)).toEqual([
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ]);
    expect(eng.totalItems).toBe(3);

    const tree = await reports.orgTree(ALL_ENTITIES);
    expect(
      tree.map(n => [n.groupRef, n.entityCount, n.compliantCount]),
    ).toEqual([
      ['group:default/eng', 3, 2],
      ['group:default/sales', 1, 1],
    ]);
    expect(tree[0].children.map(n => [n.groupRef, n.percentCompliant])).toEqual(
      [
        ['group:default/team-a', 0],
        ['group:default/team-b', 100],
      ],
    );
  });
});
