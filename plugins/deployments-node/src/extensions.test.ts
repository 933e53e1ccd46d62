import type { DeploymentEngine } from './DeploymentEngine';
import { deploymentsEngineExtensionPoint } from './extensions';

describe('deploymentsEngineExtensionPoint', () => {
  it('keeps the id that engine modules of every version depend on', () => {
    expect(deploymentsEngineExtensionPoint.id).toBe('deployments.engines');
  });

  it('takes an engine with only the required methods', async () => {
    const added: DeploymentEngine[] = [];
    const point = {
      addEngine: (...engines: DeploymentEngine[]) => added.push(...engines),
    };
    const engine: DeploymentEngine = {
      id: 'noop',
      start: async request => ({ externalId: request.runId, state: { n: 1 } }),
      getProgress: async () => ({ status: 'succeeded', steps: [] }),
      cancel: async () => {},
    };
    point.addEngine(engine);
    await expect(
      added[0].start(
        {
          runId: 'r1',
          entityRef: 'component:default/shop',
          stage: 'production',
          version: '1.0.0',
          commitSha: 'a'.repeat(40),
          rollback: false,
          parameters: {},
        },
        { logger: {} as any, signal: new AbortController().signal },
      ),
    ).resolves.toEqual({ externalId: 'r1', state: { n: 1 } });
  });
});
