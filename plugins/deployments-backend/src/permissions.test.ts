// The deployments routes behind Backstage's real permission backend, with a policy that
// denies exactly one permission at a time: each write answers 403 exactly when its own
// permission is the denied one. A route that checked another permission (or none) fails
// here.
//
// People sign in through the real auth backend (the demo's user picker) and Backstage's own
// auth, httpAuth and userInfo services run: the test mocks drop the on-behalf-of actor, and
// the permission backend refuses a user's conditional request without it.
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import localUserPickerModule, {
  LOCAL_USER_HEADER,
} from '@runway/plugin-auth-backend-module-local-user-picker-provider';
import {
  deploymentsHistoryImportPermission,
  deploymentsVersionCreatePermission,
} from '@runway/plugin-deployments-common';
import request from 'supertest';
import {
  assertStatus,
  deployment,
  ORGANISATION,
  versionBody,
} from './__testUtils__/fixtures';
import { deploymentsPlugin } from './plugin';

jest.setTimeout(120_000);

/** The one permission the policy denies right now; every other one is allowed. */
let denied: string | undefined;

const denyOnePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'deny-one-test-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req) {
            return {
              result:
                req.permission.name === denied
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            };
          },
        });
      },
    });
  },
});

describe('each deployments write checks its own permission', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let alice: string;
  const api = () => request(backend.server);
  let version = 0;
  let externalId = 0;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        authPlugin,
        localUserPickerModule,
        deploymentsPlugin,
        permissionPlugin,
        denyOnePolicy,
        catalogServiceMock.factory({ entities: ORGANISATION }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: {
              environment: 'development',
              providers: {
                localUserPicker: { development: { users: ['alice'] } },
              },
            },
            permission: { enabled: true },
          },
        }),
      ],
    });
    const res = await api()
      .get('/api/auth/localUserPicker/refresh')
      .set(LOCAL_USER_HEADER, 'alice');
    assertStatus(res, 200);
    alice = `Bearer ${res.body.backstageIdentity.token}`;
  });

  afterAll(() => backend.stop());

  /** Every write of the API, with the permission it must check; each call writes anew. */
  const writes: Array<{
    route: string;
    permission: string;
    send: () => Promise<request.Response>;
  }> = [
    {
      route: 'POST /versions',
      permission: deploymentsVersionCreatePermission.name,
      send: () =>
        api()
          .post('/api/deployments/versions')
          .set('Authorization', alice)
          .send(versionBody('shop', `1.0.${version++}`)),
    },
    {
      route: 'POST /history/import',
      permission: deploymentsHistoryImportPermission.name,
      send: () =>
        api()
          .post('/api/deployments/history/import')
          .set('Authorization', alice)
          .send({
            deployments: [
              deployment(`gh:${externalId++}`, 'shop', '2026-11-01T10:00:00Z'),
              deployment(
                `gh:${externalId++}`,
                'billing',
                '2026-11-01T11:00:00Z',
              ),
            ],
          }),
    },
  ];

  const permissions = [...new Set(writes.map(w => w.permission))];

  it.each(permissions)(
    'answers 403 exactly on the routes of %s when only it is denied',
    async permission => {
      denied = permission;
      const outcome: Record<string, number | string> = {};
      for (const write of writes) {
        const status = (await write.send()).status;
        outcome[write.route] = status < 300 ? 'ok' : status;
      }
      denied = undefined;
      expect(outcome).toEqual(
        Object.fromEntries(
          writes.map(w => [w.route, w.permission === permission ? 403 : 'ok']),
        ),
      );
    },
  );

  it('allows every write when nothing is denied', async () => {
    denied = undefined;
    for (const write of writes) {
      expect([write.route, (await write.send()).status < 300]).toEqual([
        write.route,
        true,
      ]);
    }
  });

  it('lists nothing to a caller denied catalog read', async () => {
    denied = 'catalog.entity.read';
    const runs = await api()
      .get('/api/deployments/runs')
      .set('Authorization', alice);
    const audit = await api()
      .get('/api/deployments/audit')
      .set('Authorization', alice);
    const dora = await api()
      .get('/api/deployments/metrics/dora')
      .set('Authorization', alice);
    denied = undefined;
    expect(runs.body.items).toEqual([]);
    expect(audit.body.items).toEqual([]);
    expect(dora.body.counts.productionDeployments).toBe(0);
    const allowed = await api()
      .get('/api/deployments/runs')
      .set('Authorization', alice);
    expect(allowed.body.items.length).toBeGreaterThan(0);
  });
});
