import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseCatchUpStore } from './DatabaseCatchUpStore';
import { DatabaseComplianceStore } from './DatabaseComplianceStore';
import { migrateDatabase, migrationsDirectory } from './migrateDatabase';
import { evaluation } from './testUtils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const MIGRATION = '20261201000000_catalog_etags.js';

describe.each(databases.eachSupportedId())('DatabaseCatchUpStore on %p', id => {
  async function createStores() {
    const knex = await databases.init(id);
    await migrateDatabase(knex);
    return {
      knex,
      store: new DatabaseCatchUpStore(knex),
      compliance: new DatabaseComplianceStore(knex),
    };
  }

  it('migrates the catalog etags up and down, keeping what was stored', async () => {
    const knex = await databases.init(id);
    const directory = migrationsDirectory();
    await knex.migrate.latest({ directory });
    await knex.migrate.down({ directory, name: MIGRATION });
    expect(await knex.schema.hasTable('compliance_related_etags')).toBe(false);
    expect(
      await knex.schema.hasColumn('compliance_entities', 'catalog_etag'),
    ).toBe(false);
    // Evaluated before the etag was recorded (by the store of that time: a plain row).
    await knex('compliance_entities').insert({
      entity_ref: 'component:default/old',
      owner_ref: 'group:default/team-a',
      level: null,
      failing_count: 0,
      changed_at: new Date(),
      first_evaluated_at: new Date(),
    });

    await knex.migrate.up({ directory, name: MIGRATION });
    const store = new DatabaseCatchUpStore(knex);
    expect(await store.listEvaluatedEtags()).toEqual(
      new Map([['component:default/old', null]]),
    );
    expect(await store.listRelatedEtags()).toEqual(new Map());

    await knex.migrate.down({ directory, name: MIGRATION });
    expect(await knex.schema.hasTable('compliance_related_etags')).toBe(false);
    expect(
      await knex.schema.hasColumn('compliance_entities', 'catalog_etag'),
    ).toBe(false);
    expect(await knex('compliance_entities').select('entity_ref')).toEqual([
      { entity_ref: 'component:default/old' },
    ]);
  });

  it('lists the etag each entity was evaluated from, written with its evaluation only when it changed', async () => {
    const { knex, store, compliance } = await createStores();
    const now = new Date();
    const revision = async () =>
      Number(
        (await knex('compliance_state').where({ id: 1 }).first()).revision,
      );
    const sweep = (etags: Record<string, string | undefined>) =>
      compliance.saveEvaluations(
        Object.entries(etags).map(([ref, catalogEtag]) =>
          evaluation(ref, { x: 'pass' }, { catalogEtag }),
        ),
        { now, complete: true },
      );

    await sweep({
      'component:default/a': 'etag-a1',
      'component:default/b': 'etag-b1',
      'component:default/c': undefined,
    });
    expect(await store.listEvaluatedEtags()).toEqual(
      new Map([
        ['component:default/a', 'etag-a1'],
        ['component:default/b', 'etag-b1'],
        ['component:default/c', null],
      ]),
    );

    // A steady sweep writes nothing, not even the etags.
    const steady = await revision();
    await sweep({
      'component:default/a': 'etag-a1',
      'component:default/b': 'etag-b1',
      'component:default/c': undefined,
    });
    expect(await revision()).toBe(steady);

    // A single entity evaluated again (as the listener does), another store instance.
    await new DatabaseComplianceStore(knex).saveEvaluations(
      [
        evaluation(
          'component:default/b',
          { x: 'pass' },
          { catalogEtag: 'etag-b2' },
        ),
      ],
      { now },
    );
    expect(await revision()).toBe(steady + 1);
    expect((await store.listEvaluatedEtags()).get('component:default/b')).toBe(
      'etag-b2',
    );
  });

  it('records related etags that changed and forgets those that left', async () => {
    const { store } = await createStores();
    await store.saveRelatedEtags({
      etags: new Map([
        ['group:default/team-a', 'g1'],
        ['user:default/alice', 'u1'],
        ['system:default/shop', 's1'],
      ]),
      removedRefs: [],
    });
    await store.saveRelatedEtags({
      etags: new Map([['group:default/team-a', 'g2']]),
      removedRefs: ['user:default/alice', 'user:default/unknown'],
    });
    expect(await store.listRelatedEtags()).toEqual(
      new Map([
        ['group:default/team-a', 'g2'],
        ['system:default/shop', 's1'],
      ]),
    );
  });

  it('records and forgets more related etags than one statement binds', async () => {
    const { store } = await createStores();
    const refs = Array.from({ length: 1200 }, (_, i) => `user:default/u${i}`);
    await store.saveRelatedEtags({
      etags: new Map(refs.map(ref => [ref, 'e1'])),
      removedRefs: [],
    });
    expect((await store.listRelatedEtags()).size).toBe(1200);
    await store.saveRelatedEtags({
      etags: new Map(),
      removedRefs: refs.slice(0, 1100),
    });
    expect([...(await store.listRelatedEtags()).keys()]).toHaveLength(100);
  });
});
