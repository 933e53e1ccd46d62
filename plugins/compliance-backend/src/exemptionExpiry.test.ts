import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { compliancePlugin } from './plugin';
import {
  component,
  group,
  notificationServiceFactory,
  user,
} from './testing/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');
const ORPHAN = '/api/compliance/entities/component/default/orphan';
const OWNER_EXISTS = 'ownership.owner-exists';

async function startBackend() {
  const knex = await databases.init('SQLITE_3');
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const auditor = mockServices.auditor.mock();
  const { server } = await startTestBackend({
    features: [
      compliancePlugin,
      catalogServiceMock.factory({
        entities: [
          group('team-a'),
          user('alice', 'team-a'),
          user('bob', 'team-a'),
          component('orphan', { owner: 'team-billing' }),
        ],
      }),
      mockServices.database.factory({ knex }),
      auditor.factory,
      mockServices.scheduler.mock({
        scheduleTask: async task => void tasks.push(task),
      }).factory,
      notificationServiceFactory([]),
    ],
  });
  const runTask = async (id: string) => {
    const task = tasks.find(t => t.id === id);
    if (!task) throw new Error(`No task ${id}`);
    await task.fn(new AbortController().signal);
  };
  return { server, knex, auditor, runTask };
}

async function ownerExistsStatus(server: any) {
  const res = await request(server).get(ORPHAN).set('Authorization', alice);
  expect(res.status).toBe(200);
  return res.body.results.find((r: any) => r.checkId === OWNER_EXISTS)?.status;
}

async function requestExemption(server: any) {
  const res = await request(server)
    .post('/api/compliance/exemptions')
    .set('Authorization', alice)
    .send({
      entityRef: 'component:default/orphan',
      checkId: OWNER_EXISTS,
      reason: 'team-billing is being created in the HR system',
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** Time passes: the exemption's expiry is now in the past. */
async function letExpire(knex: any, id: string) {
  await knex('compliance_exemptions')
    .where({ id })
    .update({ expires_at: new Date(Date.now() - 60_000) });
}

describe('exemption expiry', () => {
  it('lapses an approved exemption within a minute: the check fails again, and the end is audited', async () => {
    const { server, knex, auditor, runTask } = await startBackend();
    await request(server)
      .post(`${ORPHAN}/evaluate`)
      .set('Authorization', alice);
    expect(await ownerExistsStatus(server)).toBe('fail');

    const id = await requestExemption(server);
    const decision = await request(server)
      .post(`/api/compliance/exemptions/${id}/decision`)
      .set('Authorization', bob)
      .send({ decision: 'approve' });
    expect(decision.status).toBe(200);
    expect(await ownerExistsStatus(server)).toBe('exempt');

    await letExpire(knex, id);
    await runTask('compliance-exemption-expiry');

    expect(await ownerExistsStatus(server)).toBe('fail');
    const entity = await request(server)
      .get(ORPHAN)
      .set('Authorization', alice);
    expect(entity.body.exemptions).toEqual([
      expect.objectContaining({ id, status: 'expired' }),
    ]);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'exemption-expire',
        meta: expect.objectContaining({ id, wasApproved: true }),
      }),
    );
  });

  it('lapses a pending request without touching the results', async () => {
    const { server, knex, auditor, runTask } = await startBackend();
    await request(server)
      .post(`${ORPHAN}/evaluate`)
      .set('Authorization', alice);
    const id = await requestExemption(server);

    await letExpire(knex, id);
    await runTask('compliance-exemption-expiry');

    expect(await ownerExistsStatus(server)).toBe('fail');
    expect(
      (await knex('compliance_exemptions').where({ id }).first()).status,
    ).toBe('expired');
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'exemption-expire',
        meta: expect.objectContaining({ id, wasApproved: false }),
      }),
    );
  });

  it('does nothing while no exemption is due', async () => {
    const { server, auditor, runTask } = await startBackend();
    await requestExemption(server);
    await runTask('compliance-exemption-expiry');
    expect(auditor.createEvent).not.toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'exemption-expire' }),
    );
  });
});
