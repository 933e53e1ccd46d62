import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { wrapServer } from '../__testUtils__/wrapServer';
import type { Server } from 'node:http';
import request from 'supertest';
import { spec } from '../schema/openapi';
import { createTestRouter } from '../__testUtils__/createTestRouter';
import { component, group, system, user } from '../testing/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const entities = [
  group('acme'),
  group('team-a', 'acme'),
  user('alice', 'team-a'),
  user('bob', 'team-a'),
  system('shop', 'team-a'),
  component('good', { owner: 'team-a', system: 'shop' }),
  component('ghost', { owner: 'team-billing', system: 'shop' }),
];
const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();

/** Every operation of the spec, as `METHOD /path`. */
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.keys(item).map(method => `${method.toUpperCase()} ${path}`),
);

/**
 * Every request and response passes through Backstage's OpenAPI validation proxy
 * (`wrapServer`), which fails the test when either does not match openapi.yaml: the spec,
 * the generated types and what the router really sends cannot drift apart.
 */
describe('the router against openapi.yaml', () => {
  let server: Server;
  const called = new Set<string>();
  const call = (operation: string) => {
    called.add(operation);
    return request(server);
  };

  beforeAll(async () => {
    const { app, services } = await createTestRouter({
      databases,
      entities,
      config: {
        gate: { environments: { production: 'silver', dev: 'none' } },
        externalChecks: [{ id: 'ci.scan', title: 'Dependencies scanned' }],
      },
    });
    await services.compliance.sweep();
    server = await wrapServer(app);
  });

  it('lists checks', async () => {
    const res = await call('GET /checks').get('/checks');
    expect(res.status).toBe(200);
  });

  it('reads, evaluates and dry-runs entities', async () => {
    expect(
      (
        await call('GET /entities/{kind}/{namespace}/{name}').get(
          '/entities/component/default/ghost',
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await call('GET /entities/{kind}/{namespace}/{name}').get(
          '/entities/component/default/nowhere',
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await call('POST /entities/{kind}/{namespace}/{name}/evaluate').post(
          '/entities/component/default/good/evaluate',
        )
      ).status,
    ).toBe(200);
    const draft = await call('POST /entities/dry-run')
      .post('/entities/dry-run')
      .send({
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'new-service' },
          spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
        },
      });
    expect(draft.status).toBe(200);
  });

  it('answers the rollup, the table, the org tree and the trend', async () => {
    for (const [operation, url] of [
      ['GET /rollup', '/rollup?ownerRef=group:default/acme'],
      ['GET /entities', '/entities?status=fail&limit=5'],
      ['GET /org-tree', '/org-tree'],
      ['GET /trend', '/trend?days=7'],
    ]) {
      const res = await call(operation).get(url);
      expect(res.status).toBe(200);
    }
    expect(
      (await call('GET /rollup').get('/rollup?ownerRef=a:b:c')).status,
    ).toBe(400);
  });

  it('answers the gate, also for an environment without a level and an unknown one', async () => {
    for (const [environment, status] of [
      ['production', 200],
      ['dev', 200],
      ['nonsense', 400],
    ] as const) {
      const res = await call('GET /gate').get(
        `/gate?entityRef=component:default/ghost&environment=${environment}`,
      );
      expect(res.status).toBe(status);
    }
  });

  it('dry-runs a check, stores a pushed result', async () => {
    const dryRun = await call('POST /checks/dry-run')
      .post('/checks/dry-run')
      .send({
        check: {
          id: 'has-system',
          title: 'Has a system',
          rule: { type: 'presence', field: 'spec.system' },
        },
      });
    expect(dryRun.status).toBe(200);
    const pushed = await call('POST /results').post('/results').send({
      entityRef: 'component:default/good',
      checkId: 'ci.scan',
      status: 'pass',
      message: 'No known vulnerabilities',
    });
    expect(pushed.status).toBe(204);
  });

  it('requests, lists and decides exemptions, refusing a second decision', async () => {
    const requested = await call('POST /exemptions')
      .post('/exemptions')
      .set('Authorization', alice)
      .send({
        entityRef: 'component:default/ghost',
        checkId: 'ownership.owner-exists',
        reason: 'The billing team is being set up',
        expiresAt: inDays(30),
      });
    expect(requested.status).toBe(201);
    const listed = await call('GET /exemptions').get(
      '/exemptions?entityRef=component:default/ghost&status=pending',
    );
    expect(listed.status).toBe(200);
    const decide = () =>
      call('POST /exemptions/{id}/decision')
        .post(`/exemptions/${requested.body.id}/decision`)
        .set('Authorization', bob)
        .send({ decision: 'approve', comment: 'Until the team exists' });
    expect((await decide()).status).toBe(200);
    expect((await decide()).status).toBe(409);
  });

  it('starts, lists, shows and ends campaigns', async () => {
    const created = await call('POST /campaigns')
      .post('/campaigns')
      .send({
        title: 'Real owners',
        checkIds: ['ownership.owner-exists'],
        filter: { kind: ['Component'] },
        deadline: inDays(14),
      });
    expect(created.status).toBe(201);
    expect((await call('GET /campaigns').get('/campaigns')).status).toBe(200);
    expect(
      (await call('GET /campaigns/{id}').get(`/campaigns/${created.body.id}`))
        .status,
    ).toBe(200);
    expect(
      (
        await call('POST /campaigns/{id}/end')
          .post(`/campaigns/${created.body.id}/end`)
          .send({})
      ).status,
    ).toBe(200);
  });

  it('has exercised every operation of the spec', () => {
    expect([...called].sort()).toEqual([...operations].sort());
  });
});
