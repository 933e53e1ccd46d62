import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { compliancePlugin } from './plugin';
import { group, notificationServiceFactory, user } from './testing/testBackend';

jest.setTimeout(60_000);

const component = (name: string, spec: Record<string, unknown>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', system: 'shop', ...spec },
});

const entities: Entity[] = [
  group('acme'),
  group('team-a', 'acme'),
  group('team-empty', 'acme'),
  user('alice', 'team-a'),
  user('bob', 'team-a'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { owner: 'team-a' },
  },
  component('good', { owner: 'team-a' }),
  component('ghost', { owner: 'team-billing' }),
  component('empty', { owner: 'team-empty' }),
];

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');

async function startBackend(
  options: { deny?: boolean; catalogEntities?: Entity[] } = {},
) {
  const sent: any[] = [];
  const backend = await startTestBackend({
    features: [
      compliancePlugin,
      catalogServiceMock.factory({
        entities: options.catalogEntities ?? entities,
      }),
      notificationServiceFactory(sent),
      mockServices.rootConfig.factory({
        data: {
          compliance: {
            // Tests change the catalog between evaluations and expect to see it at once.
            catalogIndexMaxAge: { milliseconds: 0 },
            externalChecks: [
              {
                id: 'ci.dependency-scan',
                title: 'Dependencies scanned',
                staleAfter: { days: 7 },
              },
            ],
            gate: { environments: { production: 'silver', staging: 'bronze' } },
            // Gold needs TechDocs and CODEOWNERS; keep the test to what the mock catalog can show.
            levels: [
              {
                id: 'bronze',
                checks: ['ownership.owner-declared', 'ownership.owner-exists'],
              },
              {
                id: 'silver',
                checks: [
                  'ownership.owner-is-group',
                  'ownership.owner-has-members',
                ],
              },
            ],
          },
        },
      }),
      ...(options.deny
        ? [
            mockServices.permissions.mock({
              authorize: async requests =>
                requests.map(() => ({ result: AuthorizeResult.DENY })),
            }).factory,
          ]
        : []),
    ],
  });
  return { server: backend.server, sent };
}

describe('compliance backend', () => {
  it('evaluates an entity and reports its level and why a check fails', async () => {
    const { server } = await startBackend();

    const good = await request(server)
      .post('/api/compliance/entities/component/default/good/evaluate')
      .set('Authorization', alice);
    expect(good.status).toBe(200);
    expect(good.body.level).toBe('silver');

    const ghost = await request(server)
      .post('/api/compliance/entities/component/default/ghost/evaluate')
      .set('Authorization', alice);
    expect(ghost.body.level).toBeNull();
    expect(
      ghost.body.results.find(
        (r: any) => r.checkId === 'ownership.owner-exists',
      ),
    ).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('team-billing'),
    });
  });

  it('answers the gate per environment', async () => {
    const { server } = await startBackend();

    const gate = (entityRef: string, environment: string) =>
      request(server)
        .get('/api/compliance/gate')
        .query({ entityRef, environment })
        .set('Authorization', alice);

    expect(
      (await gate('component:default/empty', 'staging')).body,
    ).toMatchObject({
      allowed: true,
      requiredLevel: 'bronze',
    });
    const production = await gate('component:default/empty', 'production');
    expect(production.body).toMatchObject({
      allowed: false,
      requiredLevel: 'silver',
    });
    expect(production.body.failingChecks.map((c: any) => c.checkId)).toEqual([
      'ownership.owner-has-members',
    ]);
    expect(
      (await gate('component:default/good', 'production')).body.allowed,
    ).toBe(true);
  });

  it('enforces four-eyes on exemptions and applies an approved one', async () => {
    const { server } = await startBackend();
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();

    const requested = await request(server)
      .post('/api/compliance/exemptions')
      .set('Authorization', alice)
      .send({
        entityRef: 'component:default/empty',
        checkId: 'ownership.owner-has-members',
        reason: 'Team is being staffed',
        expiresAt,
      });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({
      status: 'pending',
      requestedBy: 'user:default/alice',
    });

    const own = await request(server)
      .post(`/api/compliance/exemptions/${requested.body.id}/decision`)
      .set('Authorization', alice)
      .send({ decision: 'approve' });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/four-eyes/);

    const other = await request(server)
      .post(`/api/compliance/exemptions/${requested.body.id}/decision`)
      .set('Authorization', bob)
      .send({ decision: 'approve' });
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({
      status: 'approved',
      decidedBy: 'user:default/bob',
    });

    const entity = await request(server)
      .get('/api/compliance/entities/component/default/empty')
      .set('Authorization', alice);
    expect(
      entity.body.results.find(
        (r: any) => r.checkId === 'ownership.owner-has-members',
      ).status,
    ).toBe('exempt');
    expect(entity.body.level).toBe('silver');
  });

  it('rejects an exemption longer than the maximum', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .post('/api/compliance/exemptions')
      .set('Authorization', alice)
      .send({
        entityRef: 'component:default/empty',
        checkId: 'ownership.owner-has-members',
        reason: 'forever',
        expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/at most 90 days/);
  });

  it.each([
    [
      'a request without a reason',
      '/api/compliance/exemptions',
      {
        entityRef: 'component:default/good',
        checkId: 'x',
        expiresAt: '2030-01-01T00:00:00Z',
      },
      /reason/,
    ],
    [
      'a malformed expiry',
      '/api/compliance/exemptions',
      {
        entityRef: 'component:default/good',
        checkId: 'x',
        reason: 'r',
        expiresAt: 'tomorrow',
      },
      /expiresAt/,
    ],
    [
      'an unknown decision',
      '/api/compliance/exemptions/00000000-0000-4000-8000-000000000000/decision',
      { decision: 'maybe' },
      /decision/,
    ],
    [
      'a result with a bad status',
      '/api/compliance/results',
      {
        entityRef: 'component:default/good',
        checkId: 'ci.x',
        status: 'great',
        message: 'm',
      },
      /status/,
    ],
    [
      'a dry run without a check',
      '/api/compliance/checks/dry-run',
      {},
      /check/,
    ],
    [
      'a dry run with an invalid regex',
      '/api/compliance/checks/dry-run',
      {
        check: {
          id: 'x.y',
          title: 'X',
          rule: { type: 'regex', field: 'metadata.name', pattern: '(' },
        },
      },
      /pattern/,
    ],
  ])(
    'answers %s with a 400 naming the field',
    async (_name, path, body, field) => {
      const { server } = await startBackend();
      const res = await request(server)
        .post(path)
        .set('Authorization', alice)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(field);
    },
  );

  it('takes a result pushed by CI for an external check and shows it on the entity', async () => {
    const { server } = await startBackend();
    const ci = mockCredentials.service.header();

    const before = await request(server)
      .post('/api/compliance/entities/component/default/good/evaluate')
      .set('Authorization', alice);
    expect(
      before.body.results.find((r: any) => r.checkId === 'ci.dependency-scan'),
    ).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('No result'),
    });

    const pushed = await request(server)
      .post('/api/compliance/results')
      .set('Authorization', ci)
      .send({
        entityRef: 'component:default/good',
        checkId: 'ci.dependency-scan',
        status: 'pass',
        message: 'No known vulnerabilities',
      });
    expect(pushed.status).toBe(204);

    const after = await request(server)
      .get('/api/compliance/entities/component/default/good')
      .set('Authorization', alice);
    expect(
      after.body.results.find((r: any) => r.checkId === 'ci.dependency-scan'),
    ).toMatchObject({ status: 'pass', message: 'No known vulnerabilities' });
  });

  it('refuses a pushed result for a check that is not external', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .post('/api/compliance/results')
      .set('Authorization', mockCredentials.service.header())
      .send({
        entityRef: 'component:default/good',
        checkId: 'ownership.owner-exists',
        status: 'pass',
        message: 'trust me',
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not an external check/);
  });

  it('answers a gate request without an environment with a 400', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/api/compliance/gate')
      .query({ entityRef: 'component:default/good' })
      .set('Authorization', alice);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/environment/);
  });

  it('dry-runs a declarative check without storing anything', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .post('/api/compliance/checks/dry-run')
      .set('Authorization', alice)
      .send({
        check: {
          id: 'meta.has-owner',
          title: 'Has owner',
          appliesTo: { kind: ['Component'] },
          rule: { type: 'regex', field: 'spec.owner', pattern: '^team-a$' },
        },
      });
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ pass: 1, fail: 2 });
    expect(res.body.firstFailing.map((f: any) => f.entityRef).sort()).toEqual([
      'component:default/empty',
      'component:default/ghost',
    ]);

    const stored = await request(server)
      .get('/api/compliance/entities/component/default/good')
      .set('Authorization', alice);
    expect(stored.body.evaluatedAt).toBeUndefined();
  });

  it('refuses writes without permission and hides what the caller cannot read', async () => {
    const { server } = await startBackend({ deny: true });
    const res = await request(server)
      .post('/api/compliance/entities/component/default/good/evaluate')
      .set('Authorization', alice);
    expect(res.status).toBe(403);

    const missing = await request(server)
      .get('/api/compliance/entities/component/default/nope')
      .set('Authorization', alice);
    expect(missing.status).toBe(404);
  });

  it('notifies the owner once when a check goes from pass to fail', async () => {
    const mutable = entities.map(e => ({ ...e }));
    const { server, sent } = await startBackend({ catalogEntities: mutable });
    const evaluate = () =>
      request(server)
        .post('/api/compliance/entities/component/default/good/evaluate')
        .set('Authorization', alice);

    await evaluate();
    expect(sent).toEqual([]);

    // bob leaves team-a: the team drops below two members.
    const bobEntity = mutable.find(e => e.metadata.name === 'bob')!;
    bobEntity.spec = { memberOf: ['team-empty'] };
    await evaluate();
    await evaluate();

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'group:default/team-a' },
      payload: {
        title: expect.stringContaining('good'),
        link: '/catalog/default/component/good/compliance',
      },
    });
  });
});
