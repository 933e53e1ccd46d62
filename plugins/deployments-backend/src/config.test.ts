import { ConfigReader } from '@backstage/config';
import { readDeploymentsConfig } from './config';

describe('readDeploymentsConfig', () => {
  it('defaults to the production stage and 30 days', () => {
    expect(readDeploymentsConfig(new ConfigReader({}))).toEqual({
      productionStage: 'production',
      doraDefaultWindowDays: 30,
    });
  });

  it('reads both', () => {
    expect(
      readDeploymentsConfig(
        new ConfigReader({
          deployments: {
            productionStage: 'prod',
            dora: { defaultWindowDays: 90 },
          },
        }),
      ),
    ).toEqual({ productionStage: 'prod', doraDefaultWindowDays: 90 });
  });

  it.each([
    [{ productionStage: 'live prod' }, 'deployments.productionStage'],
    [{ dora: { defaultWindowDays: 0 } }, 'deployments.dora.defaultWindowDays'],
    [
      { dora: { defaultWindowDays: 1.5 } },
      'deployments.dora.defaultWindowDays',
    ],
  ])('refuses %j, naming the key', (deployments, key) => {
    expect(() =>
      readDeploymentsConfig(new ConfigReader({ deployments })),
    ).toThrow(key);
  });
});
