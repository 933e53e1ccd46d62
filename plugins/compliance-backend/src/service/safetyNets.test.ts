import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Express } from 'express';
import request from 'supertest';
import { createTestRouter } from '../__testUtils__/createTestRouter';
import { component, group, system, user } from '../testing/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const DAY = 86_400_000;

const entities = [
  group('team-a'),
  user('alice', 'team-a'),
  user('bob', 'team-a'),
  system('shop', 'team-a'),
  component('good', { owner: 'team-a', system: 'shop' }),
  component('ghost', { owner: 'team-billing', system: 'shop' }),
];
const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');
const ci = mockCredentials.service.header();

/** Bronze needs an owner that exists; silver also a dependency scan pushed by CI. */
const levels = [
  { id: 'bronze', checks: ['ownership.owner-exists'] },
  { id: 'silver', checks: ['ci.dependency-scan'] },
];

async function start(config: Record<string, unknown> = {}) {
  const { app, services } = await createTestRouter({
    databases,
    entities,
    config: {
      levels,
      externalChecks: [{ id: 'ci.dependency-scan', title: 'Scanned' }],
      gate: { environments: { production: 'silver', staging: 'bronze' } },
      ...config,
    },
  });
  await services.compliance.sweep();
  return app;
}

function requestExemption(
  app: Express,
  options: { days?: number; expiresAt?: string; as?: string } = {},
) {
  return request(app)
    .post('/exemptions')
    .set('Authorization', options.as ?? alice)
    .send({
      entityRef: 'component:default/ghost',
      checkId: 'ownership.owner-exists',
      reason: 'The billing team is being set up',
      expiresAt:
        options.expiresAt ??
        new Date(Date.now() + (options.days ?? 30) * DAY).toISOString(),
    });
}

async function statusOf(app: Express, checkId: string) {
  const res = await request(app).get('/entities/component/default/ghost');
  return res.body.results.find((r: any) => r.checkId === checkId)?.status;
}

describe('four-eyes on exemptions', () => {
  let app: Express;
  beforeEach(async () => {
    app = await start();
  });

  const decide = (id: string, as: string) =>
    request(app)
      .post(`/exemptions/${id}/decision`)
      .set('Authorization', as)
      .send({ decision: 'approve' });

  it('refuses the requester, however they spell their ref', async () => {
    const { body } = await requestExemption(app);
    for (const spelling of [
      'user:default/alice',
      'user:default/Alice',
      'User:Default/ALICE',
    ]) {
      const res = await decide(body.id, mockCredentials.user.header(spelling));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/your own exemption request/);
    }
    expect((await decide(body.id, bob)).status).toBe(200);
  });

  it('refuses a service principal: only a person decides', async () => {
    const { body } = await requestExemption(app);
    const res = await decide(body.id, ci);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Only a person/);
    expect((await decide(body.id, bob)).status).toBe(200);
  });
});

describe('an exemption counts only once approved', () => {
  it('leaves a pending exemption failing, and exempts once someone else approves', async () => {
    const app = await start();
    const { body } = await requestExemption(app);
    await request(app)
      .post('/entities/component/default/ghost/evaluate')
      .set('Authorization', alice);
    expect(await statusOf(app, 'ownership.owner-exists')).toBe('fail');
    const gate = await request(app).get(
      '/gate?entityRef=component:default/ghost&environment=staging',
    );
    expect(gate.body.allowed).toBe(false);

    await request(app)
      .post(`/exemptions/${body.id}/decision`)
      .set('Authorization', bob)
      .send({ decision: 'approve' });
    expect(await statusOf(app, 'ownership.owner-exists')).toBe('exempt');
  });

  it('leaves a rejected exemption failing', async () => {
    const app = await start();
    const { body } = await requestExemption(app);
    await request(app)
      .post(`/exemptions/${body.id}/decision`)
      .set('Authorization', bob)
      .send({ decision: 'reject' });
    expect(await statusOf(app, 'ownership.owner-exists')).toBe('fail');
  });
});

describe('the exemption limit', () => {
  it('takes 90 days by default and refuses 91', async () => {
    const app = await start();
    // A minute short of the limit: the request takes a moment to arrive.
    const ninety = new Date(Date.now() + 90 * DAY - 60_000).toISOString();
    expect((await requestExemption(app, { expiresAt: ninety })).status).toBe(
      201,
    );
    const res = await requestExemption(app, { days: 91 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'expiresAt must be at most 90 days from now',
    );
  });

  it('follows compliance.exemptions.maxDays', async () => {
    const app = await start({ exemptions: { maxDays: 7 } });
    expect((await requestExemption(app, { days: 6 })).status).toBe(201);
    expect((await requestExemption(app, { days: 8 })).status).toBe(400);
  });
});

describe('the gate fails closed', () => {
  const gate = (app: Express, entity: string, environment: string) =>
    request(app).get(
      `/gate?entityRef=component:default/${entity}&environment=${environment}`,
    );

  it('matches environments case-insensitively, so Production is gated like production', async () => {
    const app = await start();
    const res = await gate(app, 'ghost', 'Production');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      environment: 'production',
      allowed: false,
      requiredLevel: 'silver',
    });
  });

  it('answers an environment the configuration does not name with a 400 listing the configured ones', async () => {
    const app = await start();
    for (const environment of ['prod', 'nonsense']) {
      const res = await gate(app, 'good', environment);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        `environment '${environment}' is not configured for the compliance gate; configured: production, staging (compliance.gate.environments, or set compliance.gate.defaultLevel)`,
      );
    }
  });

  it('gives an unknown environment the configured default level', async () => {
    const app = await start({
      gate: {
        environments: { production: 'silver' },
        defaultLevel: 'bronze',
      },
    });
    const res = await gate(app, 'ghost', 'qa');
    expect(res.body).toMatchObject({
      environment: 'qa',
      allowed: false,
      requiredLevel: 'bronze',
    });
  });

  it('lets through only an environment configured with none', async () => {
    const app = await start({
      gate: { environments: { production: 'silver', sandbox: 'none' } },
    });
    const res = await gate(app, 'ghost', 'sandbox');
    expect(res.body).toMatchObject({ allowed: true, requiredLevel: null });
  });

  it('blocks a required check that could not be evaluated (error), not only a failing one', async () => {
    const app = await start();
    const push = (status: string) =>
      request(app)
        .post('/results')
        .set('Authorization', ci)
        .send({
          entityRef: 'component:default/good',
          checkId: 'ci.dependency-scan',
          status,
          message: `Scan ${status}`,
        });

    expect((await push('pass')).status).toBe(204);
    expect((await gate(app, 'good', 'production')).body.allowed).toBe(true);

    expect((await push('error')).status).toBe(204);
    const res = await gate(app, 'good', 'production');
    expect(res.body).toMatchObject({
      allowed: false,
      failingChecks: [
        expect.objectContaining({
          checkId: 'ci.dependency-scan',
          status: 'error',
        }),
      ],
    });
    expect(res.body.reason).toContain('ci.dependency-scan (error)');
  });
});
