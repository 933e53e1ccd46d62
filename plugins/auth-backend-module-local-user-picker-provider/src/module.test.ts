import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import authPlugin from '@backstage/plugin-auth-backend';
import request from 'supertest';
import { authModuleLocalUserPickerProvider } from './module';
import { LOCAL_USER_HEADER } from './authenticator';

const users = ['alice', 'bob'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {
    profile: { displayName: `${name} (demo)`, email: `${name}@acme.example` },
    memberOf: ['team-payments'],
  },
}));

const pickerConfig = {
  app: { baseUrl: 'http://localhost:3000' },
  auth: {
    environment: 'development',
    providers: { localUserPicker: { development: { users: ['alice'] } } },
  },
};

function startBackend(config: object) {
  return startTestBackend({
    features: [
      authPlugin,
      authModuleLocalUserPickerProvider,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({ entities: users }),
    ],
  });
}

describe('authModuleLocalUserPickerProvider', () => {
  const originalNodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = originalNodeEnv;
  });

  it('signs in as a configured user taken from the catalog', async () => {
    const { server } = await startBackend(pickerConfig);

    const res = await request(server)
      .get('/api/auth/localUserPicker/refresh')
      .set(LOCAL_USER_HEADER, 'alice');

    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({
      displayName: 'alice (demo)',
      email: 'alice@acme.example',
    });
    expect(res.body.backstageIdentity.identity).toMatchObject({
      userEntityRef: 'user:default/alice',
      ownershipEntityRefs: expect.arrayContaining(['user:default/alice']),
    });
  });

  it('refuses a user that is in the catalog but not in the picker list', async () => {
    const { server } = await startBackend(pickerConfig);

    const res = await request(server)
      .get('/api/auth/localUserPicker/refresh')
      .set(LOCAL_USER_HEADER, 'bob');

    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain(
      "'bob' is not one of the demo users",
    );
  });

  it('refuses a request that names no user', async () => {
    const { server } = await startBackend(pickerConfig);

    const res = await request(server).get('/api/auth/localUserPicker/refresh');

    expect(res.status).toBe(401);
  });

  it('stays off in an auth environment without picker config', async () => {
    const { server } = await startBackend({
      ...pickerConfig,
      auth: { ...pickerConfig.auth, environment: 'production' },
    });

    const res = await request(server)
      .get('/api/auth/localUserPicker/refresh')
      .set(LOCAL_USER_HEADER, 'alice');

    expect(res.status).toBe(404);
  });

  it('refuses to start when NODE_ENV=production', async () => {
    process.env.NODE_ENV = 'production';

    await expect(startBackend(pickerConfig)).rejects.toThrow(
      /local user picker .* is for local development only/,
    );
  });
});
