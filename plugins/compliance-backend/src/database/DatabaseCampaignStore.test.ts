import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseCampaignStore } from './DatabaseCampaignStore';
import { DatabaseComplianceStore } from './DatabaseComplianceStore';
import { migrateDatabase, migrationsDirectory } from './migrateDatabase';
import type { NewCampaign } from './CampaignStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const newCampaign = (overrides: Partial<NewCampaign> = {}): NewCampaign => ({
  title: 'Owners everywhere',
  description: 'Every service has a real owner',
  checkIds: ['x', 'y'],
  filter: { kind: ['Component'], ownerRef: 'group:default/team-a' },
  deadline: '2026-12-31T00:00:00.000Z',
  createdBy: 'user:default/alice',
  createdAt: '2026-11-01T09:00:00.000Z',
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'DatabaseCampaignStore on %p',
  id => {
    async function createStores() {
      const knex = await databases.init(id);
      await migrateDatabase(knex);
      return {
        knex,
        store: new DatabaseCampaignStore(knex),
        compliance: new DatabaseComplianceStore(knex),
      };
    }

    it('migrates the campaigns table up and down', async () => {
      const knex = await databases.init(id);
      const directory = migrationsDirectory();
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('compliance_campaigns')).toBe(true);

      // Only the campaigns migration: the tables of the others stay.
      const name = '20261125010000_campaigns.js';
      await knex.migrate.down({ directory, name });
      expect(await knex.schema.hasTable('compliance_campaigns')).toBe(false);
      expect(await knex.schema.hasTable('compliance_results')).toBe(true);

      await knex.migrate.up({ directory, name });
      expect(await knex.schema.hasTable('compliance_campaigns')).toBe(true);
    });

    it('stores a campaign with its checks and filter, and lists newest first', async () => {
      const { store } = await createStores();
      const first = await store.createCampaign(newCampaign());
      const second = await store.createCampaign(
        newCampaign({
          title: 'Docs',
          filter: {},
          createdAt: '2026-11-02T09:00:00.000Z',
        }),
      );

      expect(await store.getCampaign(first.id)).toEqual({
        id: first.id,
        title: 'Owners everywhere',
        description: 'Every service has a real owner',
        checkIds: ['x', 'y'],
        filter: { kind: ['Component'], ownerRef: 'group:default/team-a' },
        deadline: '2026-12-31T00:00:00.000Z',
        createdBy: 'user:default/alice',
        createdAt: '2026-11-01T09:00:00.000Z',
        status: 'active',
        notices: {},
      });
      expect((await store.listCampaigns({})).map(c => c.id)).toEqual([
        second.id,
        first.id,
      ]);
      expect(
        await store.getCampaign('00000000-0000-4000-8000-000000000000'),
      ).toBe(undefined);
    });

    it('ends a campaign once', async () => {
      const { store } = await createStores();
      const campaign = await store.createCampaign(newCampaign());
      const endedAt = new Date('2026-11-10T00:00:00.000Z');

      const ended = await store.endCampaign(campaign.id, {
        endedAt,
        endedBy: 'user:default/bob',
      });
      expect(ended).toMatchObject({
        status: 'ended',
        endedAt: endedAt.toISOString(),
      });
      expect(
        await store.endCampaign(campaign.id, {
          endedAt,
          endedBy: 'user:default/bob',
        }),
      ).toBeUndefined();
      expect(await store.listCampaigns({ status: ['active'] })).toEqual([]);
      expect(await store.listCampaigns({ status: ['ended'] })).toHaveLength(1);
    });

    it('lets exactly one caller claim a notice, and records skipped ones as sent', async () => {
      const { store } = await createStores();
      const campaign = await store.createCampaign(
        newCampaign({ skipNotices: ['reminder-7d'] }),
      );
      expect(campaign.notices).toEqual({
        'reminder-7d': '2026-11-01T09:00:00.000Z',
      });
      const at = new Date('2026-11-05T00:00:00.000Z');

      const claims = await Promise.all([
        store.claimNotice(campaign.id, 'start', at),
        store.claimNotice(campaign.id, 'start', at),
        store.claimNotice(campaign.id, 'start', at),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.claimNotice(campaign.id, 'reminder-7d', at)).toBe(
        false,
      );
      expect(await store.claimNotice(campaign.id, 'reminder-1d', at)).toBe(
        true,
      );
      expect((await store.getCampaign(campaign.id))?.notices).toEqual({
        start: at.toISOString(),
        'reminder-7d': '2026-11-01T09:00:00.000Z',
        'reminder-1d': at.toISOString(),
      });
    });

    it('reads entities by owner, results and history of the campaign checks', async () => {
      const { store, compliance } = await createStores();
      const evaluation = (
        entityRef: string,
        ownerRef: string,
        statuses: Record<string, 'pass' | 'fail'>,
      ) => ({
        entityRef,
        ownerRef,
        level: null,
        results: Object.entries(statuses).map(([checkId, status]) => ({
          checkId,
          title: checkId,
          status,
          message: status,
        })),
      });
      await compliance.saveEvaluations(
        [
          evaluation('component:default/a', 'group:default/team-a', {
            x: 'fail',
            z: 'pass',
          }),
          evaluation('component:default/b', 'group:default/team-b', {
            x: 'pass',
          }),
        ],
        { now: new Date('2026-11-01T10:00:00.000Z') },
      );
      await compliance.saveEvaluations(
        [
          evaluation('component:default/a', 'group:default/team-a', {
            x: 'pass',
          }),
        ],
        { now: new Date('2026-11-03T10:00:00.000Z') },
      );

      expect(
        await store.listEntities({ ownerRefs: ['group:default/team-a'] }),
      ).toEqual([
        {
          entityRef: 'component:default/a',
          ownerRef: 'group:default/team-a',
          firstEvaluatedAt: new Date('2026-11-01T10:00:00.000Z'),
        },
      ]);
      expect(await store.listEntities({})).toHaveLength(2);

      const results = await store.listResults(['x']);
      expect(
        results
          .map(r => [r.entityRef, r.checkId, r.status, r.since.toISOString()])
          .sort(),
      ).toEqual([
        ['component:default/a', 'x', 'pass', '2026-11-03T10:00:00.000Z'],
        ['component:default/b', 'x', 'pass', '2026-11-01T10:00:00.000Z'],
      ]);

      // First evaluations are not changes: only a's fail → pass is history.
      const history = await store.listHistory(['x']);
      expect(
        history.map(h => [
          h.entityRef,
          h.fromStatus,
          h.status,
          h.changedAt.toISOString(),
        ]),
      ).toEqual([
        ['component:default/a', 'fail', 'pass', '2026-11-03T10:00:00.000Z'],
      ]);
      expect(await store.listHistory([])).toEqual([]);
    });
  },
);
