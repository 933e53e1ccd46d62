// The contract other plugins use, end to end: a plugin that depends on complianceServiceRef
// calls the compliance plugin over HTTP with service-to-service auth.
import {
  coreServices,
  createBackendPlugin,
  type AuthService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  complianceServiceRef,
  type ComplianceService,
} from '@runway/plugin-compliance-node';
import { compliancePlugin } from './plugin';
import {
  component,
  group,
  notificationServiceFactory,
  system,
  user,
} from './testing/testBackend';

jest.setTimeout(60_000);

describe('complianceServiceRef', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let compliance: ComplianceService;
  let auth: AuthService;

  // Stands in for the deployments plugin or a scaffolder module.
  const caller = createBackendPlugin({
    pluginId: 'deployments',
    register(env) {
      env.registerInit({
        deps: { compliance: complianceServiceRef, auth: coreServices.auth },
        async init(deps) {
          compliance = deps.compliance;
          auth = deps.auth;
        },
      });
    },
  });

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        compliancePlugin,
        caller,
        catalogServiceMock.factory({
          entities: [
            group('team-a'),
            user('alice', 'team-a'),
            user('bob', 'team-a'),
            system('shop', 'team-a'),
            component('good', { owner: 'team-a', system: 'shop' }),
            component('ghost', { owner: 'team-billing', system: 'shop' }),
          ],
        }),
        notificationServiceFactory(),
        mockServices.rootConfig.factory({
          data: {
            compliance: {
              catalogIndexMaxAge: { milliseconds: 0 },
              gate: { environments: { production: 'silver' } },
            },
          },
        }),
      ],
    });
  });

  afterAll(() => backend.stop());

  const asPlugin = async () => ({
    credentials: await auth.getOwnServiceCredentials(),
  });

  it('asks the gate, evaluating an entity never evaluated before', async () => {
    await expect(
      compliance.gate(
        { entityRef: 'component:default/ghost', environment: 'production' },
        await asPlugin(),
      ),
    ).resolves.toMatchObject({
      entityRef: 'component:default/ghost',
      allowed: false,
      requiredLevel: 'silver',
    });
  });

  it('passes the gate refusal of an unknown environment on as an error', async () => {
    await expect(
      compliance.gate(
        { entityRef: 'component:default/good', environment: 'prod' },
        await asPlugin(),
      ),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: { message: expect.stringMatching(/configured: production/) },
    });
  });

  it('evaluates one entity on behalf of a user and reads it back', async () => {
    const options = { credentials: mockCredentials.user('user:default/alice') };
    const evaluated = await compliance.evaluate(
      'component:default/good',
      options,
    );
    expect(evaluated.evaluatedAt).toBeDefined();
    await expect(
      compliance.getEntityCompliance('component:default/good', options),
    ).resolves.toMatchObject({ level: evaluated.level });
  });

  it('evaluates an entity that is not in the catalog yet, storing nothing', async () => {
    const draft = await compliance.dryRunEntity(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'new-service' },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-nope' },
      },
      await asPlugin(),
    );
    expect(draft.entityRef).toBe('component:default/new-service');
    expect(
      draft.results.find(r => r.checkId === 'ownership.owner-exists'),
    ).toMatchObject({ status: 'fail' });
    await expect(
      compliance.getEntityCompliance(
        'component:default/new-service',
        await asPlugin(),
      ),
    ).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses a draft the catalog would refuse, saying why', async () => {
    await expect(
      compliance.dryRunEntity(
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'Not a valid name!' },
          spec: {},
        },
        await asPlugin(),
      ),
    ).rejects.toMatchObject({
      statusCode: 400,
      cause: { message: expect.stringMatching(/^entity: /) },
    });
  });
});
