import { ConfigReader } from '@backstage/config';
import { readComplianceConfig } from './config';

describe('readComplianceConfig', () => {
  it('defaults to bronze, silver and gold, with production gated on silver', () => {
    const config = readComplianceConfig(new ConfigReader({}));
    expect(config.levels.map(l => l.id)).toEqual(['bronze', 'silver', 'gold']);
    expect(config.gateEnvironments).toEqual({ production: 'silver' });
    expect(config.maxExemptionDays).toBe(90);
  });

  it('reads check options from a list, since check ids contain dots', () => {
    const config = readComplianceConfig(
      new ConfigReader({
        compliance: {
          checks: [
            { id: 'ownership.owner-has-members', options: { minMembers: 3 } },
          ],
        },
      }),
    );
    expect(config.checkOptions).toEqual({
      'ownership.owner-has-members': { minMembers: 3 },
    });
  });

  it('stops with a message naming the key when the gate names an unknown level', () => {
    expect(() =>
      readComplianceConfig(
        new ConfigReader({
          compliance: { gate: { environments: { production: 'platinum' } } },
        }),
      ),
    ).toThrow(
      /compliance\.gate\.environments\.production: unknown level 'platinum'/,
    );
  });

  it('turns an external check staleness into milliseconds', () => {
    const config = readComplianceConfig(
      new ConfigReader({
        compliance: {
          externalChecks: [
            { id: 'ci.scan', title: 'Scanned', staleAfter: { days: 2 } },
          ],
        },
      }),
    );
    expect(config.externalChecks[0]).toMatchObject({
      staleAfterMs: 2 * 86_400_000,
      kinds: ['component'],
    });
  });
});
