// CI pushes external check results with a static token from backend.auth.externalAccess.
// Unlike plugin.test.ts, the backend here runs Backstage's real auth and httpAuth services
// (startTestBackend installs mocks that accept mock tokens only), so the token goes through
// the same path as in production: the httpRouter's credentials barrier, the external token
// handlers with their access restrictions, and the permissions service, which decides for
// service principals such as CI tokens by those restrictions alone (the permission policy
// is never asked for them). The catalog asks for a token to the catalog on behalf of the
// credentials it is given, as the real catalog client does; Backstage refuses that for a
// token restricted to this plugin, so reading the catalog with a CI token's credentials
// fails here as it does in production.
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { tokenRequestingCatalogFactory } from './__testUtils__/tokenRequestingCatalog';
import { compliancePlugin } from './plugin';
import { group, notificationServiceFactory } from './testing/testBackend';

jest.setTimeout(60_000);

const CI_TOKEN = randomBytes(32).toString('base64url');
const CATALOG_TOKEN = randomBytes(32).toString('base64url');
/** Restricted to this plugin only, as most CI setups configure it. */
const PLUGIN_TOKEN = randomBytes(32).toString('base64url');
/** May push and read the catalog, nothing else. */
const PUSH_AND_READ_TOKEN = randomBytes(32).toString('base64url');

const entities: Entity[] = [
  group('team-payments'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  },
];

const result = {
  entityRef: 'component:default/payments-api',
  checkId: 'ci.dependency-scan',
  status: 'pass',
  message: 'No known vulnerabilities',
};

describe('pushing results with a static token', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        compliancePlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        tokenRequestingCatalogFactory(entities),
        notificationServiceFactory(),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: CI_TOKEN, subject: 'ci-pipeline' },
                    accessRestrictions: [
                      {
                        plugin: 'compliance',
                        permission: 'compliance.result.push',
                      },
                    ],
                  },
                  {
                    type: 'static',
                    options: { token: PLUGIN_TOKEN, subject: 'ci-gate' },
                    accessRestrictions: [{ plugin: 'compliance' }],
                  },
                  {
                    type: 'static',
                    options: {
                      token: PUSH_AND_READ_TOKEN,
                      subject: 'ci-reader',
                    },
                    accessRestrictions: [
                      {
                        plugin: 'compliance',
                        permission: [
                          'compliance.result.push',
                          'catalog.entity.read',
                        ],
                      },
                    ],
                  },
                  {
                    type: 'static',
                    options: { token: CATALOG_TOKEN, subject: 'catalog-sync' },
                    accessRestrictions: [{ plugin: 'catalog' }],
                  },
                ],
              },
            },
            compliance: {
              catalogIndexMaxAge: { milliseconds: 0 },
              gate: { environments: { production: 'bronze' } },
              externalChecks: [
                {
                  id: 'ci.dependency-scan',
                  title: 'Dependencies scanned',
                  staleAfter: { days: 7 },
                },
                // Stale at once, so the evaluation says who reported the last result.
                {
                  id: 'ci.sbom-published',
                  title: 'SBOM published',
                  staleAfter: { milliseconds: 1 },
                },
              ],
            },
          },
        }),
      ],
    });
    server = backend.server;
  });

  const push = (body: object, authorization?: string) => {
    const req = request(server).post('/api/compliance/results');
    return (authorization ? req.set('Authorization', authorization) : req).send(
      body,
    );
  };

  it('stores the result and attributes it to the token subject', async () => {
    const sbom = await push(
      { ...result, checkId: 'ci.sbom-published', message: 'SBOM uploaded' },
      `Bearer ${CI_TOKEN}`,
    );
    expect(sbom.status).toBe(204);
    await new Promise(resolve => setTimeout(resolve, 20));

    // Each push re-evaluates the entity: by now the SBOM result is stale.
    const scan = await push(result, `Bearer ${CI_TOKEN}`);
    expect(scan.status).toBe(204);

    const stored = await request(server)
      .get('/api/compliance/entities/component/default/payments-api')
      .set('Authorization', `Bearer ${PUSH_AND_READ_TOKEN}`);
    expect(stored.status).toBe(200);
    const byCheck = (id: string) =>
      stored.body.results.find((r: any) => r.checkId === id);
    expect(byCheck('ci.dependency-scan')).toMatchObject({
      status: 'pass',
      message: 'No known vulnerabilities',
      title: 'Dependencies scanned',
    });
    expect(byCheck('ci.sbom-published')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(
        /^The last result \(pass, reported \S+ by ci-pipeline\) is stale/,
      ),
    });
  });

  it('lets a token restricted to this plugin push and ask the gate', async () => {
    const pushed = await push(result, `Bearer ${PLUGIN_TOKEN}`);
    expect(pushed.status).toBe(204);

    const gate = await request(server)
      .get('/api/compliance/gate')
      .query({
        entityRef: 'component:default/payments-api',
        environment: 'production',
      })
      .set('Authorization', `Bearer ${PLUGIN_TOKEN}`);
    expect(gate.status).toBe(200);
    expect(gate.body).toMatchObject({
      entityRef: 'component:default/payments-api',
      environment: 'production',
      requiredLevel: 'bronze',
    });
  });

  it('lets a token restricted to pushing do nothing else', async () => {
    // It may not read the catalog, so for it the entity answers as one that does not exist.
    const read = await request(server)
      .get('/api/compliance/entities/component/default/payments-api')
      .set('Authorization', `Bearer ${CI_TOKEN}`);
    expect(read.status).toBe(404);
    const gate = await request(server)
      .get('/api/compliance/gate')
      .query({
        entityRef: 'component:default/payments-api',
        environment: 'production',
      })
      .set('Authorization', `Bearer ${CI_TOKEN}`);
    expect(gate.status).toBe(404);

    // With catalog read but not evaluate, the missing permission is named.
    const evaluate = await request(server)
      .post('/api/compliance/entities/component/default/payments-api/evaluate')
      .set('Authorization', `Bearer ${PUSH_AND_READ_TOKEN}`);
    expect(evaluate.status).toBe(403);
    expect(evaluate.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: 'Missing permission compliance.evaluate',
    });
  });

  it('refuses a token that is restricted to another plugin', async () => {
    const res = await push(result, `Bearer ${CATALOG_TOKEN}`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /restricted to plugin\(s\) 'catalog'/,
    );
  });

  it('answers 401 to a wrong token and to no token', async () => {
    const wrong = await push(
      result,
      `Bearer ${randomBytes(32).toString('base64url')}`,
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.name).toBe('AuthenticationError');

    const none = await push(result);
    expect(none.status).toBe(401);
    expect(none.body.error.name).toBe('AuthenticationError');

    // The static token is only ever accepted as a bearer token.
    const basic = await push(
      result,
      `Basic ${Buffer.from(`ci:${CI_TOKEN}`).toString('base64')}`,
    );
    expect(basic.status).toBe(401);
  });

  it.each([
    ['an unknown status', { ...result, status: 'great' }, /status/],
    ['a missing message', { ...result, message: undefined }, /message/],
    [
      'a check that is not external',
      { ...result, checkId: 'ownership.owner-declared' },
      /checkId 'ownership.owner-declared' is not an external check/,
    ],
  ])('answers 400 naming the field for %s', async (_, body, field) => {
    const res = await push(body, `Bearer ${CI_TOKEN}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(field);
  });

  it('refuses a body that tries to choose whom the result is attributed to', async () => {
    const res = await push(
      { ...result, reportedBy: 'user:default/someone-else' },
      `Bearer ${CI_TOKEN}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
  });

  // Known gap: the OpenAPI validator names only the enclosing object ("request/body must
  // NOT have additional properties"). Mounting rejectUnknownFields('/results', 'post') in
  // router.ts, as campaignsRouter.ts does, fixes it; then turn this into a plain `it`.
  it('names the unknown field of a refused body', async () => {
    const res = await push(
      { ...result, reportedBy: 'user:default/someone-else' },
      `Bearer ${CI_TOKEN}`,
    );
    expect(res.body.error.message).toMatch(/reportedBy/);
  });

  it('answers 404 for an entity that is not in the catalog', async () => {
    const res = await push(
      { ...result, entityRef: 'component:default/ghost' },
      `Bearer ${CI_TOKEN}`,
    );
    expect(res.status).toBe(404);
  });
});
