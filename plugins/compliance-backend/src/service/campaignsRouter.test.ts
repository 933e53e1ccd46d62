import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  createServiceFactory,
  type SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { compliancePlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const DAY = 86_400_000;

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});
const user = (name: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [team] },
});
const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
});

const entities: Entity[] = [
  group('acme'),
  group('team-a', 'acme'),
  group('team-small', 'acme'),
  user('alice', 'team-a'),
  user('bob', 'team-a'),
  user('carol', 'team-small'),
  component('good', 'team-a'),
  component('lonely', 'team-small'),
  component('orphan', 'team-billing'),
];

const OWNER_CHECKS = ['ownership.owner-exists', 'ownership.owner-has-members'];
const alice = mockCredentials.user.header('user:default/alice');
const inDays = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString();

async function startBackend(options: { deny?: boolean } = {}) {
  const knex = await databases.init('SQLITE_3');
  const sent: any[] = [];
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const auditor = mockServices.auditor.mock();
  const { server } = await startTestBackend({
    features: [
      compliancePlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.database.factory({ knex }),
      auditor.factory,
      mockServices.scheduler.mock({
        scheduleTask: async task => void tasks.push(task),
      }).factory,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async (n: any) => void sent.push(n) }),
      }),
      mockServices.rootConfig.factory({
        data: { compliance: { catalogIndexMaxAge: { milliseconds: 0 } } },
      }),
      ...(options.deny
        ? [
            mockServices.permissions.mock({
              authorize: async requests =>
                requests.map(() => ({ result: AuthorizeResult.DENY })),
              authorizeConditional: async requests =>
                requests.map(() => ({ result: AuthorizeResult.DENY })),
            }).factory,
          ]
        : []),
    ],
  });
  const runTask = async (id: string) => {
    const task = tasks.find(t => t.id === id);
    if (!task) throw new Error(`No task ${id}`);
    await task.fn(new AbortController().signal);
  };
  return { server, sent, knex, auditor, runTask, tasks };
}

async function evaluateAll(server: any) {
  for (const name of ['good', 'lonely', 'orphan']) {
    const res = await request(server)
      .post(`/api/compliance/entities/component/default/${name}/evaluate`)
      .set('Authorization', alice);
    expect(res.status).toBe(200);
  }
}

describe('campaign routes', () => {
  it('creates a campaign, notifies owners with unmet entities once, and reports its progress', async () => {
    const { server, sent, auditor } = await startBackend();
    await evaluateAll(server);
    const deadline = inDays(14);

    const created = await request(server)
      .post('/api/compliance/campaigns')
      .set('Authorization', alice)
      .send({
        title: 'Real owners',
        description: 'Every component has an owner that exists and is staffed',
        checkIds: OWNER_CHECKS,
        filter: { kind: ['Component'] },
        deadline,
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: 'Real owners',
      checkIds: OWNER_CHECKS,
      filter: { kind: ['Component'] },
      deadline,
      createdBy: 'user:default/alice',
      status: 'active',
    });
    const id = created.body.id;
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'campaign-create' }),
    );

    // good meets both checks; lonely (one member) and orphan (no such group) do not.
    expect(
      sent.map(n => n.recipients.entityRef).sort((a, b) => a.localeCompare(b)),
    ).toEqual(['group:default/team-billing', 'group:default/team-small']);
    const lonely = sent.find(
      n => n.recipients.entityRef === 'group:default/team-small',
    );
    expect(lonely.payload).toMatchObject({
      title: `Campaign "Real owners": 1 of your entities needs work by ${deadline.slice(
        0,
        10,
      )}`,
      link: `/compliance/campaigns/${id}`,
    });

    const progress = await request(server)
      .get(`/api/compliance/campaigns/${id}`)
      .set('Authorization', alice);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({
      campaign: { id, title: 'Real owners' },
      entityCount: 3,
      doneCount: 1,
      percentDone: 33.3,
      burnUp: [
        { date: new Date().toISOString().slice(0, 10), done: 1, total: 3 },
      ],
    });
    expect(progress.body.remaining).toEqual(
      expect.arrayContaining([
        {
          entityRef: 'component:default/lonely',
          ownerRef: 'group:default/team-small',
          failing: ['ownership.owner-has-members'],
        },
        expect.objectContaining({
          entityRef: 'component:default/orphan',
          ownerRef: 'group:default/team-billing',
        }),
      ]),
    );
    expect(progress.body.remaining).toHaveLength(2);

    const list = await request(server)
      .get('/api/compliance/campaigns')
      .query({ status: 'active' })
      .set('Authorization', alice);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id,
        entityCount: 3,
        doneCount: 1,
        percentDone: 33.3,
      }),
    ]);

    // Creating it again is a second campaign; the first one's owners are not renotified.
    expect(sent).toHaveLength(2);
  });

  it('sends the deadline reminder once from the daily task', async () => {
    const { server, sent, knex, runTask, tasks } = await startBackend();
    await evaluateAll(server);
    expect(tasks.find(t => t.id === 'compliance-campaign-reminders')).toEqual(
      expect.objectContaining({ scope: 'global' }),
    );

    const created = await request(server)
      .post('/api/compliance/campaigns')
      .set('Authorization', alice)
      .send({ title: 'Staffed', checkIds: OWNER_CHECKS, deadline: inDays(3) });
    expect(created.status).toBe(201);
    sent.length = 0;

    await runTask('compliance-campaign-reminders');
    expect(sent).toEqual([]);

    // Two days later: 12 hours to go.
    await knex('compliance_campaigns')
      .where({ id: created.body.id })
      .update({ deadline: new Date(Date.now() + DAY / 2) });
    await runTask('compliance-campaign-reminders');
    await runTask('compliance-campaign-reminders');

    expect(
      sent.map(n => [n.recipients.entityRef, n.payload.title]).sort(),
    ).toEqual([
      [
        'group:default/team-billing',
        expect.stringMatching(/^Campaign "Staffed": deadline in 1 day/),
      ],
      [
        'group:default/team-small',
        expect.stringMatching(/^Campaign "Staffed": deadline in 1 day/),
      ],
    ]);
  });

  it('ends a campaign once', async () => {
    const { server, auditor } = await startBackend();
    const created = await request(server)
      .post('/api/compliance/campaigns')
      .set('Authorization', alice)
      .send({ title: 'Short', checkIds: OWNER_CHECKS, deadline: inDays(5) });

    const end = () =>
      request(server)
        .post(`/api/compliance/campaigns/${created.body.id}/end`)
        .set('Authorization', alice)
        .send({});
    const ended = await end();
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({
      status: 'ended',
      endedAt: expect.any(String),
    });
    expect((await end()).status).toBe(409);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'campaign-end' }),
    );

    const withBody = await request(server)
      .post(`/api/compliance/campaigns/${created.body.id}/end`)
      .set('Authorization', alice)
      .send({ reason: 'done' });
    expect(withBody.status).toBe(400);
    expect(withBody.body.error.message).toMatch(/reason is not a known field/);

    const missing = await request(server)
      .post(
        '/api/compliance/campaigns/00000000-0000-4000-8000-000000000000/end',
      )
      .set('Authorization', alice)
      .send({});
    expect(missing.status).toBe(404);
  });

  it.each([
    ['no title', { checkIds: OWNER_CHECKS, deadline: inDays(5) }, /title/],
    [
      'an empty title',
      { title: '', checkIds: OWNER_CHECKS, deadline: inDays(5) },
      /title/,
    ],
    [
      'a blank title',
      { title: '   ', checkIds: OWNER_CHECKS, deadline: inDays(5) },
      /title/,
    ],
    [
      'no checks',
      { title: 't', checkIds: [], deadline: inDays(5) },
      /checkIds/,
    ],
    [
      'checks that are not a list',
      { title: 't', checkIds: 'ownership.owner-exists', deadline: inDays(5) },
      /checkIds/,
    ],
    [
      'an unknown check',
      { title: 't', checkIds: ['ownership.nope'], deadline: inDays(5) },
      /checkIds: unknown check\(s\) 'ownership.nope'/,
    ],
    [
      'a malformed deadline',
      { title: 't', checkIds: OWNER_CHECKS, deadline: 'next friday' },
      /deadline/,
    ],
    [
      'a deadline in the past',
      { title: 't', checkIds: OWNER_CHECKS, deadline: inDays(-1) },
      /deadline must be in the future/,
    ],
    [
      'a kind filter that is not a list',
      {
        title: 't',
        checkIds: OWNER_CHECKS,
        deadline: inDays(5),
        filter: { kind: 'Component' },
      },
      /filter\/kind/,
    ],
    [
      'an owner that is not an entity ref',
      {
        title: 't',
        checkIds: OWNER_CHECKS,
        deadline: inDays(5),
        filter: { ownerRef: 'group:default/team-a/../x' },
      },
      /filter\/ownerRef/,
    ],
    [
      'an owner group that does not exist',
      {
        title: 't',
        checkIds: OWNER_CHECKS,
        deadline: inDays(5),
        filter: { ownerRef: 'group:default/nobody' },
      },
      /filter.ownerRef: no group/,
    ],
    [
      'an unknown filter field',
      {
        title: 't',
        checkIds: OWNER_CHECKS,
        deadline: inDays(5),
        filter: { system: ['shop'] },
      },
      /filter\.system is not a known field \(allowed: kind, type, lifecycle, ownerRef\)/,
    ],
    [
      'an unknown field',
      {
        title: 't',
        checkIds: OWNER_CHECKS,
        deadline: inDays(5),
        owner: 'team-a',
      },
      /^owner is not a known field/,
    ],
  ])(
    'answers a campaign with %s with a 400 naming the field',
    async (_name, body, field) => {
      const { server } = await startBackend();
      const res = await request(server)
        .post('/api/compliance/campaigns')
        .set('Authorization', alice)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(field);
    },
  );

  it('answers a malformed or unknown campaign id with 400 and 404', async () => {
    const { server } = await startBackend();
    const malformed = await request(server)
      .get('/api/compliance/campaigns/not-a-uuid')
      .set('Authorization', alice);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/id/);

    const unknown = await request(server)
      .get('/api/compliance/campaigns/00000000-0000-4000-8000-000000000000')
      .set('Authorization', alice);
    expect(unknown.status).toBe(404);
  });

  it('refuses campaign writes without compliance.campaign.manage, but lets everyone read', async () => {
    const { server, sent } = await startBackend({ deny: true });
    const create = await request(server)
      .post('/api/compliance/campaigns')
      .set('Authorization', alice)
      .send({ title: 't', checkIds: OWNER_CHECKS, deadline: inDays(5) });
    expect(create.status).toBe(403);
    expect(create.body.error.message).toMatch(/compliance\.campaign\.manage/);

    const end = await request(server)
      .post(
        '/api/compliance/campaigns/00000000-0000-4000-8000-000000000000/end',
      )
      .set('Authorization', alice)
      .send({});
    expect(end.status).toBe(403);

    const list = await request(server)
      .get('/api/compliance/campaigns')
      .set('Authorization', alice);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    expect(sent).toEqual([]);
  });
});
