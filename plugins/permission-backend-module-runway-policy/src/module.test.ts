// The policy as the demo runs it. People sign in through the real auth backend (the demo's
// user picker, whose resolver puts the user's groups from the catalog in the token); the
// real permission backend asks the policy; the real catalog backend resolves its "owners
// only" condition against the entities' ownedBy relations. Backstage's own auth, httpAuth
// and userInfo services run instead of startTestBackend's mocks, which drop the on-behalf-of
// actor that the catalog requires before it applies conditions for a user.
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import {
  coreServices,
  createBackendPlugin,
  type AuthService,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import localUserPickerModule, {
  LOCAL_USER_HEADER,
} from '@runway/plugin-auth-backend-module-local-user-picker-provider';
import { complianceExemptionCreatePermission } from '@runway/plugin-compliance-common';
import {
  deploymentsApprovalCreatePermission,
  deploymentsHistoryImportPermission,
  deploymentsRunCreatePermission,
} from '@runway/plugin-deployments-common';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import { resolve } from 'node:path';
import request from 'supertest';
import permissionModuleRunwayPolicy from './index';

jest.setTimeout(120_000);

describe('the Runway policy in a backend with the catalog', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let auth: AuthService;
  let permissions: PermissionsService;

  // A plugin that hands out the auth and permissions services every plugin gets.
  const probe = createBackendPlugin({
    pluginId: 'probe',
    register(env) {
      env.registerInit({
        deps: {
          authService: coreServices.auth,
          permissionsService: coreServices.permissions,
        },
        async init({ authService, permissionsService }) {
          auth = authService;
          permissions = permissionsService;
        },
      });
    },
  });

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        authPlugin,
        localUserPickerModule,
        catalogPlugin,
        permissionPlugin,
        permissionModuleRunwayPolicy,
        probe,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: {
              environment: 'development',
              providers: {
                localUserPicker: {
                  development: { users: ['alice', 'elena', 'priya'] },
                },
              },
            },
            permission: {
              enabled: true,
              runwayPolicy: { adminGroups: ['group:default/team-platform'] },
            },
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Group', 'User', 'Component'] }],
              locations: [
                {
                  type: 'file',
                  target: resolve(__dirname, '__fixtures__/two-teams.yaml'),
                },
              ],
            },
          },
        }),
      ],
    });
    await waitForOwnedComponents();
  });

  afterAll(() => backend.stop());

  /** Waits until the catalog has stitched both components with their ownedBy relations. */
  async function waitForOwnedComponents() {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'catalog',
    });
    for (let attempt = 0; attempt < 120; attempt++) {
      const res = await request(backend.server)
        .get('/api/catalog/entities')
        .query({
          filter:
            'kind=component,relations.ownedBy=group:default/team-payments',
        })
        .set('Authorization', `Bearer ${token}`);
      const others = await request(backend.server)
        .get('/api/catalog/entities')
        .query({
          filter:
            'kind=component,relations.ownedBy=group:default/team-checkout',
        })
        .set('Authorization', `Bearer ${token}`);
      if (res.body.length === 1 && others.body.length === 1) return;
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error('The catalog did not ingest the two owned components');
  }

  /** Signs in as a demo user, as the browser does, and returns their credentials. */
  async function signIn(user: string) {
    const res = await request(backend.server)
      .get('/api/auth/localUserPicker/refresh')
      .set(LOCAL_USER_HEADER, user);
    expect(res.status).toBe(200);
    return auth.authenticate(res.body.backstageIdentity.token);
  }

  async function may(
    permission: ResourcePermission<'catalog-entity'>,
    user: string,
    component: string,
  ) {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: `component:default/${component}` }],
      { credentials: await signIn(user) },
    );
    return decision.result;
  }

  const mayRequestExemption = (user: string, component: string) =>
    may(complianceExemptionCreatePermission, user, component);

  it('lets alice request an exemption for her team’s component only', async () => {
    await expect(mayRequestExemption('alice', 'payments-api')).resolves.toBe(
      AuthorizeResult.ALLOW,
    );
    await expect(mayRequestExemption('alice', 'checkout-api')).resolves.toBe(
      AuthorizeResult.DENY,
    );
  });

  it('lets the other team request one for theirs only', async () => {
    await expect(mayRequestExemption('elena', 'checkout-api')).resolves.toBe(
      AuthorizeResult.ALLOW,
    );
    await expect(mayRequestExemption('elena', 'payments-api')).resolves.toBe(
      AuthorizeResult.DENY,
    );
  });

  it('lets a platform admin request one for any component', async () => {
    await expect(mayRequestExemption('priya', 'payments-api')).resolves.toBe(
      AuthorizeResult.ALLOW,
    );
    await expect(mayRequestExemption('priya', 'checkout-api')).resolves.toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it.each([
    deploymentsRunCreatePermission,
    deploymentsHistoryImportPermission,
    deploymentsApprovalCreatePermission,
  ])(
    'lets a team deploy, import and approve for its own component only ($name), and an admin for any',
    async permission => {
      const decisions = {
        aliceOwn: await may(permission, 'alice', 'payments-api'),
        aliceOther: await may(permission, 'alice', 'checkout-api'),
        elenaOwn: await may(permission, 'elena', 'checkout-api'),
        priyaBoth: [
          await may(permission, 'priya', 'payments-api'),
          await may(permission, 'priya', 'checkout-api'),
        ],
      };
      expect(decisions).toEqual({
        aliceOwn: AuthorizeResult.ALLOW,
        aliceOther: AuthorizeResult.DENY,
        elenaOwn: AuthorizeResult.ALLOW,
        priyaBoth: [AuthorizeResult.ALLOW, AuthorizeResult.ALLOW],
      });
    },
  );
});
