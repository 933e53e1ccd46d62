import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseAuditLog } from './DatabaseAuditLog';
import { DatabaseDeploymentsStore } from './DatabaseDeploymentsStore';
import { migrateDatabase, migrationsDirectory } from './migrateDatabase';
import { importedRun, newVersion } from './testUtils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const TABLES = [
  'deployments_versions',
  'deployments_runs',
  'deployments_audit',
  'deployments_audit_head',
];

describe.each(databases.eachSupportedId())(
  'DatabaseDeploymentsStore on %p',
  id => {
    async function createStore() {
      const knex = await databases.init(id);
      await migrateDatabase(knex);
      return {
        knex,
        store: new DatabaseDeploymentsStore(knex),
        audit: new DatabaseAuditLog(knex),
      };
    }

    it('migrates up, down and up again', async () => {
      const knex = await databases.init(id);
      const directory = migrationsDirectory();
      await knex.migrate.latest({ directory });
      for (const table of TABLES) {
        expect([table, await knex.schema.hasTable(table)]).toEqual([
          table,
          true,
        ]);
      }
      await knex.migrate.rollback({ directory }, true);
      for (const table of TABLES) {
        expect([table, await knex.schema.hasTable(table)]).toEqual([
          table,
          false,
        ]);
      }
      // Down removed the triggers and their function too, or up would fail here.
      await knex.migrate.latest({ directory });
      const store = new DatabaseDeploymentsStore(knex);
      await store.registerVersion(newVersion('shop', '1.0.0'));
      expect(await new DatabaseAuditLog(knex).verify()).toMatchObject({
        intact: true,
        rowCount: 1,
      });
    });

    it('registers a version once: the same commit again changes nothing, another is a conflict', async () => {
      const { knex, store } = await createStore();
      const first = await store.registerVersion(newVersion('shop', '1.0.0'));
      expect(first).toEqual({
        created: true,
        version: {
          entityRef: 'component:default/shop',
          version: '1.0.0',
          commitSha: 'a'.repeat(40),
          commitTime: '2026-11-01T10:00:00.000Z',
          author: 'alice@example.com',
          registeredBy: 'user:default/alice',
          registeredAt: expect.any(String),
        },
      });

      const again = await store.registerVersion({
        ...newVersion('shop', '1.0.0'),
        registeredBy: 'external:ci',
      });
      expect(again).toEqual({ created: false, version: first.version });

      await expect(
        store.registerVersion(newVersion('shop', '1.0.0', 'b')),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining(
          `commitSha: version 1.0.0 of component:default/shop is registered with commit ${'a'.repeat(
            40,
          )}`,
        ),
      });
      // Another component may have a version of the same name.
      await expect(
        store.registerVersion(newVersion('cart', '1.0.0', 'b')),
      ).resolves.toMatchObject({ created: true });

      // One audit row per registration, none for the no-op or the conflict.
      const types = await knex('deployments_audit')
        .orderBy('seq')
        .pluck('type');
      expect(types).toEqual(['version.registered', 'version.registered']);
    });

    it('imports runs, counts the unchanged ones, and stores nothing when one contradicts', async () => {
      const { knex, store } = await createStore();
      const runs = [
        importedRun('gh:1', '2026-11-02T10:00:00Z'),
        importedRun('gh:2', '2026-11-03T10:00:00Z', {
          status: 'failed',
          rollback: true,
        }),
      ];
      await expect(store.importRuns(runs, 'external:ci')).resolves.toEqual({
        imported: 2,
        unchanged: 0,
      });
      await expect(store.importRuns(runs, 'external:ci')).resolves.toEqual({
        imported: 0,
        unchanged: 2,
      });

      const contradicting = [
        importedRun('gh:3', '2026-11-04T10:00:00Z'),
        runs[0],
        { ...runs[1], status: 'succeeded' as const },
      ];
      await expect(
        store.importRuns(contradicting, 'external:ci'),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining(
          "deployments[2].status: 'gh:2' was imported before with status failed, not succeeded",
        ),
      });
      expect(
        Number((await knex('deployments_runs').count({ n: '*' }))[0].n),
      ).toBe(2);
      expect(
        Number((await knex('deployments_audit').count({ n: '*' }))[0].n),
      ).toBe(2);

      const stored = await store.listRuns({}, { limit: 10 });
      expect(stored.map(run => run.externalId)).toEqual(['gh:2', 'gh:1']);
      expect(stored[0]).toMatchObject({
        entityRef: 'component:default/shop',
        stage: 'production',
        status: 'failed',
        rollback: true,
        source: 'import',
        createdBy: 'external:ci',
        startedAt: '2026-11-03T09:50:00.000Z',
        createdAt: '2026-11-03T09:50:00.000Z',
        finishedAt: '2026-11-03T10:00:00.000Z',
        commitTime: '2026-11-03T05:00:00.000Z',
      });
      await expect(store.getRun(stored[0].id)).resolves.toEqual(stored[0]);
      await expect(
        store.getRun('00000000-0000-4000-8000-000000000000'),
      ).resolves.toBeUndefined();
    });

    it('imports more rows than fit in one insert or one list of parameters', async () => {
      const { store, audit } = await createStore();
      const start = Date.parse('2026-01-01T00:00:00Z');
      const runs = Array.from({ length: 1200 }, (_, i) =>
        importedRun(`bulk:${i}`, new Date(start + i * 60_000).toISOString()),
      );
      await expect(store.importRuns(runs, 'external:ci')).resolves.toEqual({
        imported: 1200,
        unchanged: 0,
      });
      await expect(store.importRuns(runs, 'external:ci')).resolves.toEqual({
        imported: 0,
        unchanged: 1200,
      });
      await expect(audit.verify()).resolves.toMatchObject({
        intact: true,
        rowCount: 1200,
      });
    });

    it('lists runs newest first, page after page, without skipping or repeating one', async () => {
      const { store } = await createStore();
      // Five runs started at the same instant: the order among them is by id.
      const runs = [
        ...Array.from({ length: 5 }, (_, i) =>
          importedRun(`same:${i}`, '2026-11-10T10:00:00Z'),
        ),
        ...Array.from({ length: 7 }, (_, i) =>
          importedRun(`day:${i}`, `2026-11-0${i + 1}T10:00:00Z`, {
            entityRef:
              i % 2 ? 'component:default/cart' : 'component:default/shop',
            stage: i % 3 ? 'production' : 'staging',
          }),
        ),
      ];
      await store.importRuns(runs, 'external:ci');
      const all = await store.listRuns({}, { limit: 100 });
      expect(all).toHaveLength(12);
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1], all[i]];
        expect(
          a.createdAt > b.createdAt ||
            (a.createdAt === b.createdAt && a.id > b.id),
        ).toBe(true);
      }

      const paged = [];
      let after;
      for (;;) {
        const page = await store.listRuns({}, { limit: 4, after });
        paged.push(...page);
        if (page.length < 4) break;
        const last = page[page.length - 1];
        after = { createdAt: last.createdAt, id: last.id };
      }
      expect(paged.map(r => r.id)).toEqual(all.map(r => r.id));

      const filtered = await store.listRuns(
        { entityRef: 'component:default/cart', stage: 'production' },
        { limit: 100 },
      );
      expect(filtered.map(r => r.externalId)).toEqual(['day:5', 'day:1']);
      const visible = await store.listRuns(
        {
          entityRefs: new Set(['component:default/cart']),
          status: 'succeeded',
        },
        { limit: 100 },
      );
      expect(visible.map(r => r.externalId)).toEqual([
        'day:5',
        'day:3',
        'day:1',
      ]);
      await expect(
        store.listRuns({ entityRefs: new Set() }, { limit: 100 }),
      ).resolves.toEqual([]);
    });

    it('gives DORA the runs in the window and, per entity, the first and first successful after it', async () => {
      const { store } = await createStore();
      const shop = 'component:default/shop';
      const cart = 'component:default/cart';
      await store.importRuns(
        [
          importedRun('before', '2026-10-31T10:00:00Z'),
          importedRun('in-1', '2026-11-01T10:00:00Z'),
          importedRun('in-2', '2026-11-02T10:00:00Z', { status: 'failed' }),
          importedRun('in-staging', '2026-11-02T11:00:00Z', {
            stage: 'staging',
          }),
          importedRun('after-1', '2026-11-10T10:00:00Z', { status: 'failed' }),
          importedRun('after-2', '2026-11-11T10:00:00Z', { rollback: true }),
          importedRun('after-3', '2026-11-12T10:00:00Z'),
          importedRun('cart-after', '2026-11-20T10:00:00Z', {
            entityRef: cart,
          }),
        ],
        'external:ci',
      );
      const window = {
        stage: 'production',
        from: new Date('2026-11-01T00:00:00Z'),
        to: new Date('2026-11-08T00:00:00Z'),
      };
      const runs = await store.doraRuns(window);
      const ids = async (
        list: Promise<{ id: string }[]> | { id: string }[],
      ) => {
        const byId = new Map(
          (await store.listRuns({}, { limit: 100 })).map(r => [
            r.id,
            r.externalId,
          ]),
        );
        return (await list).map(r => byId.get(r.id)).sort();
      };
      expect(await ids(runs.inWindow)).toEqual(['in-1', 'in-2']);
      expect(await ids(runs.after)).toEqual([
        'after-1',
        'after-2',
        'cart-after',
      ]);
      expect(runs.inWindow.find(r => r.status === 'failed')).toMatchObject({
        entityRef: shop,
        rollback: false,
        finishedAt: Date.parse('2026-11-02T10:00:00Z'),
        commitTime: Date.parse('2026-11-02T05:00:00Z'),
      });

      const onlyCart = await store.doraRuns({
        ...window,
        entityRefs: new Set([cart]),
      });
      expect(onlyCart.inWindow).toEqual([]);
      expect(await ids(onlyCart.after)).toEqual(['cart-after']);
    });
  },
);
