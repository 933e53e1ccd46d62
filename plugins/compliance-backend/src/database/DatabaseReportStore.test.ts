import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseComplianceStore } from './DatabaseComplianceStore';
import { DatabaseReportStore } from './DatabaseReportStore';
import { migrateDatabase, migrationsDirectory } from './migrateDatabase';
import { evaluation } from './testUtils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const LEVEL_HISTORY_MIGRATION = '20261125020000_level_history.js';

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));

describe.each(databases.eachSupportedId())('DatabaseReportStore on %p', id => {
  async function createStores() {
    const knex = await databases.init(id);
    await migrateDatabase(knex);
    return {
      knex,
      store: new DatabaseReportStore(knex),
      compliance: new DatabaseComplianceStore(knex),
    };
  }

  it('migrates the level history up and down, starting it from the stored levels', async () => {
    const knex = await databases.init(id);
    const directory = migrationsDirectory();
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('compliance_level_history')).toBe(true);

    await knex.migrate.down({ directory, name: LEVEL_HISTORY_MIGRATION });
    expect(await knex.schema.hasTable('compliance_level_history')).toBe(false);
    expect(await knex.schema.hasTable('compliance_entities')).toBe(true);

    // An entity evaluated before the table existed.
    await knex('compliance_entities').insert({
      entity_ref: 'component:default/old',
      owner_ref: 'group:default/team-a',
      level: 'bronze',
      failing_count: 0,
      changed_at: day(1),
    });
    await knex.migrate.up({ directory, name: LEVEL_HISTORY_MIGRATION });
    const store = new DatabaseReportStore(knex);
    const { initial } = await store.getLevelChanges({
      from: day(2),
      until: day(3),
    });
    expect(initial).toEqual([
      {
        entityRef: 'component:default/old',
        ownerRef: 'group:default/team-a',
        level: 'bronze',
        removed: false,
        changedAt: day(1),
      },
    ]);

    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('compliance_level_history')).toBe(false);
  });

  it('filters, orders and pages the entities in SQL, with each check status', async () => {
    const { store, compliance } = await createStores();
    await compliance.saveEvaluations(
      [
        evaluation(
          'component:default/payments',
          { x: 'pass', y: 'pass' },
          { level: 'silver' },
        ),
        evaluation('component:default/billing', { x: 'fail', y: 'pass' }),
        evaluation(
          'api:default/payments-api',
          { x: 'pass', y: 'exempt' },
          { level: 'bronze', ownerRef: 'group:default/team-b' },
        ),
        evaluation(
          'component:default/100%_done',
          { x: 'pass', y: 'error' },
          { ownerRef: 'group:default/team-c' },
        ),
        evaluation(
          'component:default/orphan',
          { x: 'fail' },
          { ownerRef: undefined },
        ),
      ],
      { now: day(1), complete: true },
    );
    const refs = async (
      filter: Parameters<DatabaseReportStore['listEntities']>[0],
      page = { offset: 0, limit: 50 },
    ) => {
      const list = await store.listEntities(filter, page);
      return [list.items.map(i => i.entityRef), list.totalItems];
    };

    const all = await store.listEntities({}, { offset: 0, limit: 50 });
    expect(all.totalItems).toBe(5);
    expect(all.items[0]).toEqual({
      entityRef: 'api:default/payments-api',
      ownerRef: 'group:default/team-b',
      level: 'bronze',
      statuses: { x: 'pass', y: 'exempt' },
    });
    expect(all.items.find(i => i.entityRef.endsWith('orphan'))).toEqual({
      entityRef: 'component:default/orphan',
      level: null,
      statuses: { x: 'fail' },
    });

    expect(
      await refs({
        ownerRefs: ['group:default/team-a', 'group:default/team-b'],
      }),
    ).toEqual([
      [
        'api:default/payments-api',
        'component:default/billing',
        'component:default/payments',
      ],
      3,
    ]);
    expect(await refs({ kind: 'API' })).toEqual([
      ['api:default/payments-api'],
      1,
    ]);
    expect(await refs({ checkId: 'x', status: 'fail' })).toEqual([
      ['component:default/billing', 'component:default/orphan'],
      2,
    ]);
    // A status alone: any check has it.
    expect(await refs({ status: 'error' })).toEqual([
      ['component:default/100%_done'],
      1,
    ]);
    // A check alone: the entity has a result for it.
    expect((await refs({ checkId: 'y' }))[1]).toBe(4);
    expect(await refs({ level: 'none' })).toEqual([
      [
        'component:default/100%_done',
        'component:default/billing',
        'component:default/orphan',
      ],
      3,
    ]);
    expect(await refs({ level: 'silver' })).toEqual([
      ['component:default/payments'],
      1,
    ]);
    expect(await refs({ q: 'PAYMENTS' })).toEqual([
      ['api:default/payments-api', 'component:default/payments'],
      2,
    ]);
    // LIKE wildcards in the search text match only themselves.
    expect(await refs({ q: '0%_' })).toEqual([
      ['component:default/100%_done'],
      1,
    ]);
    expect(await refs({ q: '_' })).toEqual([
      ['component:default/100%_done'],
      1,
    ]);
    expect(await refs({ kind: 'component', level: 'none', q: 'bill' })).toEqual(
      [['component:default/billing'], 1],
    );

    expect(await refs({}, { offset: 1, limit: 2 })).toEqual([
      ['component:default/100%_done', 'component:default/billing'],
      5,
    ]);
    expect(await refs({}, { offset: 10, limit: 2 })).toEqual([[], 5]);
  });

  it('counts entities and compliant entities per direct owner in one query', async () => {
    const { store, compliance } = await createStores();
    await compliance.saveEvaluations(
      [
        evaluation('component:default/a', { x: 'pass' }),
        evaluation('component:default/b', { x: 'fail' }),
        evaluation('component:default/c', { x: 'exempt' }),
        evaluation(
          'component:default/d',
          { x: 'pass' },
          { ownerRef: 'group:default/team-b' },
        ),
        evaluation(
          'component:default/e',
          { x: 'error' },
          { ownerRef: undefined },
        ),
      ],
      { now: day(1), complete: true },
    );
    const counts = await store.countByOwner();
    expect(
      counts.sort((a, b) =>
        String(a.ownerRef).localeCompare(String(b.ownerRef)),
      ),
    ).toEqual([
      {
        ownerRef: 'group:default/team-a',
        entityCount: 3,
        compliantCount: 2,
      },
      {
        ownerRef: 'group:default/team-b',
        entityCount: 1,
        compliantCount: 1,
      },
      { ownerRef: null, entityCount: 1, compliantCount: 0 },
    ]);
  });

  it('records a level history row when an entity appears, changes level or owner, or leaves', async () => {
    const { store, compliance } = await createStores();
    const a = 'component:default/a';
    const b = 'component:default/b';

    await compliance.saveEvaluations(
      [
        evaluation(a, { x: 'fail' }),
        evaluation(b, { x: 'pass' }, { level: 'bronze' }),
      ],
      { now: day(1), complete: true },
    );
    // Only a message changes: no level history.
    await compliance.saveEvaluations(
      [
        {
          ...evaluation(a, { x: 'fail' }),
          results: [
            { checkId: 'x', title: 'x', status: 'fail', message: 'other' },
          ],
        },
      ],
      { now: day(2) },
    );
    await compliance.saveEvaluations(
      [evaluation(a, { x: 'pass' }, { level: 'bronze' })],
      { now: day(3) },
    );
    await compliance.saveEvaluations(
      [
        evaluation(
          a,
          { x: 'pass' },
          { level: 'bronze', ownerRef: 'group:default/team-b' },
        ),
      ],
      { now: day(4) },
    );
    await compliance.saveEvaluations(
      [
        evaluation(
          a,
          { x: 'pass' },
          { level: 'bronze', ownerRef: 'group:default/team-b' },
        ),
      ],
      { now: day(5), complete: true },
    );

    const { initial, changes } = await store.getLevelChanges({
      from: day(1),
      until: day(6),
    });
    expect(initial).toEqual([]);
    expect(
      changes.map(c => [
        c.changedAt.getUTCDate(),
        c.entityRef,
        c.ownerRef,
        c.level,
        c.removed,
      ]),
    ).toEqual([
      [1, a, 'group:default/team-a', null, false],
      [1, b, 'group:default/team-a', 'bronze', false],
      [3, a, 'group:default/team-a', 'bronze', false],
      [4, a, 'group:default/team-b', 'bronze', false],
      [5, b, 'group:default/team-a', null, true],
    ]);
  });

  it('reads the state before a window and the changes in it, for the entities of some owners', async () => {
    const { store, compliance } = await createStores();
    const a = 'component:default/a';
    const b = 'component:default/b';
    const c = 'component:default/c';
    await compliance.saveEvaluations(
      [
        evaluation(a, { x: 'fail' }),
        evaluation(b, { x: 'fail' }),
        evaluation(c, { x: 'fail' }, { ownerRef: 'group:default/team-c' }),
      ],
      { now: day(1), complete: true },
    );
    await compliance.saveEvaluations(
      [evaluation(a, { x: 'pass' }, { level: 'bronze' })],
      { now: day(2) },
    );
    // b moves to team-c inside the window: team-a's trend needs that row to drop it.
    await compliance.saveEvaluations(
      [evaluation(b, { x: 'fail' }, { ownerRef: 'group:default/team-c' })],
      { now: day(4) },
    );
    // After the window.
    await compliance.saveEvaluations([evaluation(a, { x: 'fail' })], {
      now: day(9),
    });

    const { initial, changes } = await store.getLevelChanges({
      from: day(3),
      until: day(8),
      ownerRefs: ['group:default/team-a'],
    });
    expect(initial.map(r => [r.entityRef, r.level]).sort()).toEqual([
      [a, 'bronze'],
      [b, null],
    ]);
    expect(changes.map(r => [r.entityRef, r.ownerRef])).toEqual([
      [b, 'group:default/team-c'],
    ]);
  });

  it('leaves removed entities out of the state before the window', async () => {
    const { store, compliance } = await createStores();
    await compliance.saveEvaluations(
      [
        evaluation('component:default/a', { x: 'pass' }),
        evaluation('component:default/b', { x: 'pass' }),
      ],
      { now: day(1), complete: true },
    );
    await compliance.saveEvaluations(
      [evaluation('component:default/a', { x: 'pass' })],
      { now: day(2), complete: true },
    );
    const { initial } = await store.getLevelChanges({
      from: day(3),
      until: day(4),
    });
    expect(initial.map(r => r.entityRef)).toEqual(['component:default/a']);
  });
});
