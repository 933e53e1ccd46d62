import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { CheckStatus } from '@runway/plugin-compliance-common';
import { InMemoryCatalogIndex } from '../catalog/InMemoryCatalogIndex';
import { entity, group } from '../checks/testUtils';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { DatabaseComplianceStore } from '../database/DatabaseComplianceStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { CampaignNotifier } from './CampaignNotifier';
import { CampaignService } from './CampaignService';
import { ALL_ENTITIES, type VisibleEntities } from './visibleEntities';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const DAY = 86_400_000;

const catalog = [
  group('acme'),
  group('team-a', 'acme'),
  group('team-a1', 'team-a'),
  group('team-b', 'acme'),
  entity('Component', 'a1', { owner: 'team-a', lifecycle: 'production' }),
  entity('Component', 'a2', { owner: 'team-a1', lifecycle: 'production' }),
  entity('Component', 'a3', { owner: 'team-a', lifecycle: 'experimental' }),
  entity('Component', 'b1', { owner: 'team-b', lifecycle: 'production' }),
  entity('API', 'api', { owner: 'team-a', lifecycle: 'production' }),
];

const checks = [
  { id: 'x', title: 'Check X', description: '', source: 'builtin' as const },
  { id: 'y', title: 'Check Y', description: '', source: 'builtin' as const },
];

async function setup(start = '2026-11-02T09:00:00.000Z') {
  const knex = await databases.init('SQLITE_3');
  await migrateDatabase(knex);
  const results = new DatabaseComplianceStore(knex);
  let now = new Date(start);
  const sent: any[] = [];
  const notifications: NotificationService = {
    send: async notification => void sent.push(notification),
  };
  const getCatalogIndex = jest.fn(async () =>
    InMemoryCatalogIndex.fromEntities(catalog),
  );
  const service = new CampaignService({
    store: new DatabaseCampaignStore(knex),
    compliance: { listChecks: () => checks, getCatalogIndex },
    notifier: new CampaignNotifier(notifications, mockServices.logger.mock()),
    logger: mockServices.logger.mock(),
    now: () => now,
  });

  /** Stores results as a sweep at `at` would. */
  async function evaluate(
    at: string,
    statuses: Record<string, Record<string, CheckStatus>>,
  ) {
    await results.saveEvaluations(
      Object.entries(statuses).map(([name, byCheck]) => {
        const [kind, entityName] = name.includes(':')
          ? name.split(':')
          : ['component', name];
        const owner = catalog.find(e => e.metadata.name === entityName)?.spec
          ?.owner;
        return {
          entityRef: `${kind}:default/${entityName}`,
          ownerRef: `group:default/${owner}`,
          level: null,
          results: Object.entries(byCheck).map(([checkId, status]) => ({
            checkId,
            title: checkId,
            status,
            message: status,
          })),
        };
      }),
      { now: new Date(at) },
    );
  }

  return {
    service,
    sent,
    evaluate,
    getCatalogIndex,
    setNow: (iso: string) => {
      now = new Date(iso);
    },
  };
}

const input = {
  title: 'Real owners',
  checkIds: ['x', 'y'],
  deadline: '2026-11-30T00:00:00.000Z',
  createdBy: 'user:default/alice',
};

describe('CampaignService', () => {
  it.each([
    [{ title: '   ' }, /title must not be empty/],
    [
      { deadline: '2026-11-01T00:00:00.000Z' },
      /deadline must be in the future/,
    ],
    [{ deadline: 'soon' }, /deadline must be an ISO 8601/],
    [{ checkIds: [] }, /checkIds must name at least one/],
    [{ checkIds: ['x', 'nope'] }, /checkIds: unknown check\(s\) 'nope'/],
    [
      { filter: { ownerRef: 'group:default/ghosts' } },
      /filter.ownerRef: no group group:default\/ghosts/,
    ],
    [
      { filter: { ownerRef: 'component:default/a1' } },
      /filter.ownerRef: no group/,
    ],
  ])('rejects %j', async (override, message) => {
    const { service } = await setup();
    await expect(
      service.create({ ...input, ...override }, ALL_ENTITIES),
    ).rejects.toThrow(message);
  });

  it('answers a filter naming a group the creator cannot read as it answers a missing group', async () => {
    const { service, getCatalogIndex } = await setup();
    const teamOps = group('Team-Ops', 'acme');
    getCatalogIndex.mockResolvedValue(
      InMemoryCatalogIndex.fromEntities([...catalog, teamOps]),
    );
    // As createVisibleEntities lists them: team-a and team-b are hidden.
    const visible: VisibleEntities = {
      all: false,
      refs: new Set([group('acme'), teamOps].map(e => stringifyEntityRef(e))),
    };
    const create = (ownerRef: string) =>
      service.create({ ...input, filter: { ownerRef } }, visible);
    const rejection = (ownerRef: string) =>
      create(ownerRef).then(
        () => undefined,
        (e: Error) => ({ name: e.name, message: e.message }),
      );
    const noGroup = (ownerRef: string) => ({
      name: InputError.name,
      message: `filter.ownerRef: no group ${ownerRef} in the catalog`,
    });

    // Missing, hidden (team-b, and team-a by its short ref): the same InputError.
    expect(await rejection('group:default/ghosts')).toEqual(
      noGroup('group:default/ghosts'),
    );
    expect(await rejection('group:default/team-b')).toEqual(
      noGroup('group:default/team-b'),
    );
    expect(await rejection('team-a')).toEqual(noGroup('team-a'));

    await expect(create('acme')).resolves.toMatchObject({
      filter: { ownerRef: 'group:default/acme' },
    });
    await expect(create('Team-Ops')).resolves.toMatchObject({
      filter: { ownerRef: 'group:default/team-ops' },
    });
  });

  it('scopes by owner (with sub-teams), kind and lifecycle, and notifies each owner with unmet entities once', async () => {
    const { service, sent, evaluate } = await setup();
    await evaluate('2026-11-01T10:00:00.000Z', {
      a1: { x: 'pass', y: 'pass' },
      a2: { x: 'fail', y: 'pass' },
      a3: { x: 'fail', y: 'fail' },
      b1: { x: 'fail', y: 'fail' },
      'api:api': { x: 'fail', y: 'fail' },
    });

    const campaign = await service.create(
      {
        ...input,
        description: '  Make ownership real  ',
        filter: {
          kind: ['component', ''],
          lifecycle: ['production'],
          ownerRef: 'Team-A',
          type: [],
        },
      },
      ALL_ENTITIES,
    );
    expect(campaign).toMatchObject({
      title: 'Real owners',
      description: 'Make ownership real',
      filter: {
        kind: ['component'],
        lifecycle: ['production'],
        ownerRef: 'group:default/team-a',
      },
      status: 'active',
      createdAt: '2026-11-02T09:00:00.000Z',
    });
    expect(campaign).not.toHaveProperty('notices');

    const progress = await service.progress(campaign.id, ALL_ENTITIES);
    expect(progress).toMatchObject({
      entityCount: 2,
      doneCount: 1,
      percentDone: 50,
      remaining: [
        {
          entityRef: 'component:default/a2',
          ownerRef: 'group:default/team-a1',
          failing: ['x'],
        },
      ],
      burnUp: [{ date: '2026-11-02', done: 1, total: 2 }],
    });

    // a1 is done, so team-a hears nothing; a2's owner does.
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'group:default/team-a1' },
        payload: expect.objectContaining({
          title:
            'Campaign "Real owners": 1 of your entities needs work by 2026-11-30',
          description:
            '1 entity you own does not yet meet Check X. Deadline: 2026-11-30.',
          link: `/compliance/campaigns/${campaign.id}`,
          topic: 'compliance',
        }),
      },
    ]);
    expect(await service.sendDueNotices()).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it('draws the burn-up from the status history', async () => {
    const { service, evaluate, setNow } = await setup();
    await evaluate('2026-11-01T10:00:00.000Z', {
      a1: { x: 'fail', y: 'pass' },
      a2: { x: 'fail', y: 'pass' },
    });
    const campaign = await service.create(input, ALL_ENTITIES);

    await evaluate('2026-11-03T10:00:00.000Z', {
      a1: { x: 'pass', y: 'pass' },
    });
    await evaluate('2026-11-04T10:00:00.000Z', {
      a2: { x: 'pass', y: 'pass' },
      b1: { x: 'fail', y: 'fail' },
    });
    setNow('2026-11-05T12:00:00.000Z');

    const progress = await service.progress(campaign.id, ALL_ENTITIES);
    expect(progress.burnUp).toEqual([
      { date: '2026-11-02', done: 0, total: 2 },
      { date: '2026-11-03', done: 1, total: 2 },
      { date: '2026-11-04', done: 2, total: 3 },
      { date: '2026-11-05', done: 2, total: 3 },
    ]);
    expect(progress).toMatchObject({
      entityCount: 3,
      doneCount: 2,
      percentDone: 66.7,
    });

    const [summary] = await service.list({}, ALL_ENTITIES);
    expect(summary).toMatchObject({
      id: campaign.id,
      entityCount: 3,
      doneCount: 2,
      percentDone: 66.7,
    });
  });

  it('sends the 7-day and the 1-day reminder once each, only to owners with unmet entities', async () => {
    const { service, sent, evaluate, setNow } = await setup();
    await evaluate('2026-11-01T10:00:00.000Z', {
      a1: { x: 'fail', y: 'pass' },
      b1: { x: 'pass', y: 'pass' },
    });
    const campaign = await service.create(
      {
        ...input,
        deadline: new Date(
          Date.parse('2026-11-02T09:00:00.000Z') + 10 * DAY,
        ).toISOString(),
      },
      ALL_ENTITIES,
    );
    expect(sent).toHaveLength(1);
    sent.length = 0;

    setNow('2026-11-03T09:00:00.000Z');
    expect(await service.sendDueNotices()).toBe(0);

    setNow('2026-11-05T09:00:00.000Z'); // 7 days left
    expect(await service.sendDueNotices()).toBe(1);
    expect(await service.sendDueNotices()).toBe(0);
    expect(sent.map(n => [n.recipients.entityRef, n.payload.title])).toEqual([
      [
        'group:default/team-a',
        'Campaign "Real owners": deadline in 7 days (2026-11-12)',
      ],
    ]);

    setNow('2026-11-11T12:00:00.000Z'); // 21 hours left
    expect(await service.sendDueNotices()).toBe(1);
    setNow('2026-11-11T20:00:00.000Z');
    expect(await service.sendDueNotices()).toBe(0);
    expect(sent[1]).toMatchObject({
      payload: {
        title: 'Campaign "Real owners": deadline in 1 day (2026-11-12)',
        severity: 'high',
        link: `/compliance/campaigns/${campaign.id}`,
      },
    });

    setNow('2026-11-13T09:00:00.000Z');
    expect(await service.sendDueNotices()).toBe(0);
    expect(sent).toHaveLength(2);
  });

  it('skips reminders that are already due when the campaign starts, and sends only the nearest of two due', async () => {
    const { service, sent, evaluate, setNow } = await setup();
    await evaluate('2026-11-01T10:00:00.000Z', {
      a1: { x: 'fail', y: 'pass' },
    });

    // Created 3 days before the deadline: the start notification stands in for the 7-day one.
    await service.create(
      { ...input, deadline: '2026-11-05T09:00:00.000Z' },
      ALL_ENTITIES,
    );
    // Created 20 days before, but the task does not run until 12 hours before.
    await service.create(
      {
        ...input,
        title: 'Later',
        deadline: '2026-11-22T09:00:00.000Z',
      },
      ALL_ENTITIES,
    );
    sent.length = 0;

    setNow('2026-11-21T21:00:00.000Z');
    expect(await service.sendDueNotices()).toBe(1);
    expect(sent.map(n => n.payload.title)).toEqual([
      'Campaign "Later": deadline in 1 day (2026-11-22)',
    ]);
    expect(await service.sendDueNotices()).toBe(0);
  });

  it('retries a start notification that could not be sent', async () => {
    const { service, sent, evaluate, getCatalogIndex } = await setup();
    await evaluate('2026-11-01T10:00:00.000Z', {
      a1: { x: 'fail', y: 'pass' },
    });
    getCatalogIndex.mockRejectedValueOnce(new Error('catalog is down'));

    const campaign = await service.create(
      {
        ...input,
        filter: { kind: ['Component'] },
      },
      ALL_ENTITIES,
    );
    expect(campaign.status).toBe('active');
    expect(sent).toEqual([]);

    expect(await service.sendDueNotices()).toBe(1);
    expect(await service.sendDueNotices()).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it('ends a campaign once', async () => {
    const { service } = await setup();
    const campaign = await service.create(input, ALL_ENTITIES);

    const ended = await service.end(campaign.id, 'user:default/bob');
    expect(ended).toMatchObject({
      status: 'ended',
      endedAt: '2026-11-02T09:00:00.000Z',
    });
    await expect(service.end(campaign.id, 'user:default/bob')).rejects.toThrow(
      /already ended/,
    );
    await expect(
      service.end('00000000-0000-4000-8000-000000000000', 'user:default/bob'),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(await service.list({ status: 'active' }, ALL_ENTITIES)).toEqual([]);
  });
});
