import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  deploymentsEngineExtensionPoint,
  type DeploymentEngine,
} from '@runway/plugin-deployments-node';
import request from 'supertest';
import { ORGANISATION, versionBody } from './__testUtils__/fixtures';
import { deploymentsPlugin } from './plugin';

jest.setTimeout(60_000);

const fakeEngine = (id: string): DeploymentEngine => ({
  id,
  start: async deploymentRequest => ({ externalId: deploymentRequest.runId }),
  getProgress: async () => ({ status: 'succeeded' }),
  cancel: async () => {},
});

const engineModule = (moduleId: string, ...engines: DeploymentEngine[]) =>
  createBackendModule({
    pluginId: 'deployments',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { engines: deploymentsEngineExtensionPoint },
        async init({ engines: point }) {
          point.addEngine(...engines);
        },
      });
    },
  });

const logger = mockServices.logger.mock();

const start = (...modules: ReturnType<typeof engineModule>[]) =>
  startTestBackend({
    features: [
      deploymentsPlugin,
      catalogServiceMock.factory({ entities: ORGANISATION }),
      logger.factory,
      ...modules,
    ],
  });

describe('the deployments plugin in a backend', () => {
  it('serves its API under /api/deployments, refusing invalid credentials', async () => {
    const backend = await start();
    const server = backend.server;
    try {
      const alice = mockCredentials.user.header('user:default/alice');
      const registered = await request(server)
        .post('/api/deployments/versions')
        .set('Authorization', alice)
        .send(versionBody('shop', '1.0.0'));
      expect(registered.status).toBe(201);
      const verify = await request(server)
        .get('/api/deployments/audit/verify')
        .set('Authorization', alice);
      expect(verify.body).toMatchObject({ intact: true, rowCount: 1 });
      const invalid = await request(server)
        .get('/api/deployments/runs')
        .set('Authorization', mockCredentials.user.invalidHeader());
      expect(invalid.status).toBe(401);
    } finally {
      await backend.stop();
    }
  });

  it('takes engines from other modules through the extension point', async () => {
    const backend = await start(
      engineModule('one', fakeEngine('local')),
      engineModule('two', fakeEngine('github-actions'), fakeEngine('argocd')),
    );
    await backend.stop();
    expect(logger.info).toHaveBeenCalledWith(
      'Deployment engines: argocd, github-actions, local',
    );
  });

  it('refuses to start with two engines of one id, naming it', async () => {
    await expect(
      start(
        engineModule('one', fakeEngine('local')),
        engineModule('two', fakeEngine('local')),
      ),
    ).rejects.toThrow("Deployment engine id 'local' is added twice");
  });

  it('refuses to start with an engine id a stage could not name', async () => {
    await expect(
      start(engineModule('one', fakeEngine('My Engine'))),
    ).rejects.toThrow("got 'My Engine'");
  });
});
