// CI registers versions and imports history with a static token from
// backend.auth.externalAccess. Backstage's real auth and httpAuth services run (the test
// backend's mocks accept mock tokens only), so the token goes the way it does in
// production: the httpRouter's credentials barrier, the external token's access
// restrictions, and the permissions service, which decides for service principals such as
// CI tokens by those restrictions alone (the permission policy is never asked for them).
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { delegatingCatalogFactory } from './__testUtils__/delegatingCatalog';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import {
  deployment,
  ORGANISATION,
  versionBody,
} from './__testUtils__/fixtures';
import { deploymentsPlugin } from './plugin';

jest.setTimeout(60_000);

const CI_TOKEN = randomBytes(32).toString('base64url');
const VERSIONS_ONLY_TOKEN = randomBytes(32).toString('base64url');
const CATALOG_TOKEN = randomBytes(32).toString('base64url');

describe('CI with a static token', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        deploymentsPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        delegatingCatalogFactory(ORGANISATION),
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
                        plugin: 'deployments',
                        permission: [
                          'deployments.version.create',
                          'deployments.history.import',
                        ],
                      },
                    ],
                  },
                  {
                    type: 'static',
                    options: { token: VERSIONS_ONLY_TOKEN, subject: 'builds' },
                    accessRestrictions: [
                      {
                        plugin: 'deployments',
                        permission: 'deployments.version.create',
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
          },
        }),
      ],
    });
  });

  afterAll(() => backend.stop());

  it('registers a version and imports history, attributed to the token subject', async () => {
    const registered = await request(backend.server)
      .post('/api/deployments/versions')
      .set(as(CI_TOKEN))
      .send(versionBody('shop', '1.0.0'));
    expect(registered.status).toBe(201);
    expect(registered.body.version.registeredBy).toBe('ci-pipeline');

    const imported = await request(backend.server)
      .post('/api/deployments/history/import')
      .set(as(CI_TOKEN))
      .send({
        deployments: [deployment('gh:1', 'shop', '2026-11-01T10:00:00Z')],
      });
    expect(imported.status).toBe(200);

    expect(imported.body).toMatchObject({ imported: 1 });

    // Restricted to those two writes, the token may not read the catalog, so it sees no
    // runs either: reads follow catalog.entity.read, for services as for people.
    const runs = await request(backend.server)
      .get('/api/deployments/runs')
      .set(as(CI_TOKEN));
    expect(runs.status).toBe(200);
    expect(runs.body.items).toEqual([]);
    const ofShop = await request(backend.server)
      .get('/api/deployments/runs?entityRef=component:default/shop')
      .set(as(CI_TOKEN));
    expect(ofShop.status).toBe(404);
  });

  it('refuses what the token is not restricted to', async () => {
    const imported = await request(backend.server)
      .post('/api/deployments/history/import')
      .set(as(VERSIONS_ONLY_TOKEN))
      .send({
        deployments: [deployment('gh:2', 'shop', '2026-11-01T10:00:00Z')],
      });
    expect(imported.status).toBe(403);

    const otherPlugin = await request(backend.server)
      .post('/api/deployments/versions')
      .set(as(CATALOG_TOKEN))
      .send(versionBody('shop', '2.0.0'));
    expect(otherPlugin.status).toBe(403);

    const noToken = await request(backend.server)
      .post('/api/deployments/versions')
      .send(versionBody('shop', '2.0.0'));
    expect(noToken.status).toBe(401);
  });
});
