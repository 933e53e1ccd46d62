// The compliance routes behind Backstage's real permission backend, with a policy that denies
// exactly one permission at a time: each write answers 403 exactly when its own permission is
// the denied one. A route that checked another permission (or none) fails here.
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
import {
  complianceCampaignManagePermission,
  complianceEvaluatePermission,
  complianceExemptionApprovePermission,
  complianceExemptionCreatePermission,
  complianceResultPushPermission,
} from '@runway/plugin-compliance-common';
import localUserPickerModule, {
  LOCAL_USER_HEADER,
} from '@runway/plugin-auth-backend-module-local-user-picker-provider';
import request from 'supertest';
import { compliancePlugin } from './plugin';
import {
  component,
  group,
  notificationServiceFactory,
  system,
  user,
} from './testing/testBackend';

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

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();

describe('each compliance write checks its own permission', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let alice: string;
  let bob: string;
  const api = () => request(backend.server);

  /** Signs in as a demo user, as the browser does; returns the Authorization header. */
  async function signIn(name: string) {
    const res = await api()
      .get('/api/auth/localUserPicker/refresh')
      .set(LOCAL_USER_HEADER, name);
    expect(res.status).toBe(200);
    return `Bearer ${res.body.backstageIdentity.token}`;
  }

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        authPlugin,
        localUserPickerModule,
        compliancePlugin,
        permissionPlugin,
        denyOnePolicy,
        catalogServiceMock.factory({
          entities: [
            group('team-a'),
            user('alice', 'team-a'),
            user('bob', 'team-a'),
            system('shop', 'team-a'),
            component('ghost', { owner: 'team-billing', system: 'shop' }),
          ],
        }),
        notificationServiceFactory(),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: {
              environment: 'development',
              providers: {
                localUserPicker: { development: { users: ['alice', 'bob'] } },
              },
            },
            permission: { enabled: true },
            compliance: {
              catalogIndexMaxAge: { milliseconds: 0 },
              externalChecks: [{ id: 'ci.scan', title: 'Scanned' }],
            },
          },
        }),
      ],
    });
    alice = await signIn('alice');
    bob = await signIn('bob');
  });

  afterAll(() => backend.stop());

  /** Runs `fn` with nothing denied, e.g. to arrange what a route needs. */
  async function allowed<T>(fn: () => Promise<T>): Promise<T> {
    const before = denied;
    denied = undefined;
    try {
      return await fn();
    } finally {
      denied = before;
    }
  }

  const newExemption = () =>
    allowed(async () => {
      const res = await api()
        .post('/api/compliance/exemptions')
        .set('Authorization', alice)
        .send({
          entityRef: 'component:default/ghost',
          checkId: 'ownership.owner-exists',
          reason: 'The billing team is being set up',
          expiresAt: inDays(30),
        });
      return res.body.id as string;
    });

  const newCampaign = () =>
    allowed(async () => {
      const res = await api()
        .post('/api/compliance/campaigns')
        .set('Authorization', alice)
        .send({
          title: 'Real owners',
          checkIds: ['ownership.owner-exists'],
          deadline: inDays(14),
        });
      return res.body.id as string;
    });

  /** Every write of the API, with the permission it must check. */
  const writes: Array<{
    route: string;
    permission: string;
    send: () => Promise<request.Response>;
  }> = [
    {
      route: 'POST /entities/{kind}/{namespace}/{name}/evaluate',
      permission: complianceEvaluatePermission.name,
      send: () =>
        api()
          .post('/api/compliance/entities/component/default/ghost/evaluate')
          .set('Authorization', alice),
    },
    {
      route: 'POST /exemptions',
      permission: complianceExemptionCreatePermission.name,
      send: () =>
        api()
          .post('/api/compliance/exemptions')
          .set('Authorization', alice)
          .send({
            entityRef: 'component:default/ghost',
            checkId: 'ownership.owner-exists',
            reason: 'The billing team is being set up',
            expiresAt: inDays(30),
          }),
    },
    {
      route: 'POST /exemptions/{id}/decision',
      permission: complianceExemptionApprovePermission.name,
      send: async () =>
        api()
          .post(`/api/compliance/exemptions/${await newExemption()}/decision`)
          .set('Authorization', bob)
          .send({ decision: 'approve' }),
    },
    {
      route: 'POST /campaigns',
      permission: complianceCampaignManagePermission.name,
      send: () =>
        api()
          .post('/api/compliance/campaigns')
          .set('Authorization', alice)
          .send({
            title: 'Real owners',
            checkIds: ['ownership.owner-exists'],
            deadline: inDays(14),
          }),
    },
    {
      route: 'POST /campaigns/{id}/end',
      permission: complianceCampaignManagePermission.name,
      send: async () =>
        api()
          .post(`/api/compliance/campaigns/${await newCampaign()}/end`)
          .set('Authorization', alice)
          .send({}),
    },
    {
      // A person pushing a result; CI's service credentials are decided by their token.
      route: 'POST /results',
      permission: complianceResultPushPermission.name,
      send: () =>
        api().post('/api/compliance/results').set('Authorization', alice).send({
          entityRef: 'component:default/ghost',
          checkId: 'ci.scan',
          status: 'pass',
          message: 'Clean',
        }),
    },
  ];

  const permissions = [...new Set(writes.map(w => w.permission))];

  it.each(permissions)(
    'answers 403 exactly on the routes of %s when only it is denied',
    async permission => {
      denied = permission;
      const outcome: Record<string, number> = {};
      for (const write of writes) {
        outcome[write.route] = (await write.send()).status;
      }
      denied = undefined;

      const expected = Object.fromEntries(
        writes.map(w => [w.route, w.permission === permission ? 403 : 'ok']),
      );
      const summary = (status: number) => {
        if (status === 403) return 403;
        return status < 300 ? 'ok' : status;
      };
      const actual = Object.fromEntries(
        Object.entries(outcome).map(([route, status]) => [
          route,
          summary(status),
        ]),
      );
      expect(actual).toEqual(expected);
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

  it('counts nothing for a caller denied catalog read', async () => {
    denied = 'catalog.entity.read';
    const rollup = await api()
      .get('/api/compliance/rollup')
      .set('Authorization', alice);
    const exemptions = await api()
      .get('/api/compliance/exemptions')
      .set('Authorization', alice);
    denied = undefined;
    expect(rollup.body.entityCount).toBe(0);
    expect(exemptions.body.items).toEqual([]);
    const allowedRollup = await api()
      .get('/api/compliance/rollup')
      .set('Authorization', alice);
    expect(allowedRollup.body.entityCount).toBeGreaterThan(0);
  });
});
