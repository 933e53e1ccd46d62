import { ConfigReader } from '@backstage/config';
import { readComplianceConfig } from './config';

describe('readComplianceConfig', () => {
  it('defaults to bronze, silver and gold, with production gated on silver', () => {
    const config = readComplianceConfig(new ConfigReader({}));
    expect(config.levels.map(l => l.id)).toEqual(['bronze', 'silver', 'gold']);
    expect([...config.gate.environments.values()]).toEqual([
      { name: 'production', level: 'silver' },
    ]);
    expect(config.gate.defaultLevel).toBeUndefined();
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

  it('reads gate environments by lower-case name, none as no level, and a default level', () => {
    const config = readComplianceConfig(
      new ConfigReader({
        compliance: {
          gate: {
            environments: { Production: 'silver', dev: 'none' },
            defaultLevel: 'bronze',
          },
        },
      }),
    );
    expect(Object.fromEntries(config.gate.environments)).toEqual({
      production: { name: 'Production', level: 'silver' },
      dev: { name: 'dev', level: null },
    });
    expect(config.gate.defaultLevel).toBe('bronze');
  });

  it('refuses a gate default of none, which would open the gate for every typo', () => {
    expect(() =>
      readComplianceConfig(
        new ConfigReader({ compliance: { gate: { defaultLevel: 'none' } } }),
      ),
    ).toThrow(/compliance\.gate\.defaultLevel: 'none' would let every unknown/);
  });

  it('refuses two gate environments that differ only in case', () => {
    expect(() =>
      readComplianceConfig(
        new ConfigReader({
          compliance: {
            gate: {
              environments: { production: 'silver', PRODUCTION: 'gold' },
            },
          },
        }),
      ),
    ).toThrow(/'PRODUCTION' and 'production' differ only in case/);
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

  it('evaluates on catalog change by default, 5 seconds after the first change', () => {
    expect(readComplianceConfig(new ConfigReader({})).evaluateOnChange).toEqual(
      {
        enabled: true,
        delayMs: 5_000,
        reconcile: {
          frequency: { minutes: 5 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 2 },
        },
        catchUpDelayMs: 10_000,
      },
    );
  });

  it('reads how soon after start the catch-up runs, at least a second', () => {
    const read = (catchUpDelay: unknown) =>
      readComplianceConfig(
        new ConfigReader({
          compliance: { evaluateOnChange: { catchUpDelay } },
        } as any),
      ).evaluateOnChange.catchUpDelayMs;
    expect(read({ minutes: 1 })).toBe(60_000);
    expect(read('2s')).toBe(2_000);
    expect(() => read('soon')).toThrow(/evaluateOnChange\.catchUpDelay/);
    expect(() => read({ milliseconds: 500 })).toThrow(
      'compliance.evaluateOnChange.catchUpDelay must be at least 1 second',
    );
  });

  it('reads when deletions are reconciled as a task schedule', () => {
    const read = (reconcile: unknown) =>
      readComplianceConfig(
        new ConfigReader({
          compliance: { evaluateOnChange: { reconcile } },
        } as any),
      ).evaluateOnChange.reconcile;
    expect(
      read({ frequency: { minutes: 1 }, timeout: '30s', initialDelay: 'PT1M' }),
    ).toEqual({
      frequency: { minutes: 1 },
      timeout: { seconds: 30 },
      initialDelay: { minutes: 1 },
    });
    expect(() => read({ frequency: 'often', timeout: '1m' })).toThrow(
      /frequency/,
    );
  });

  it('reads evaluateOnChange as an object or a string duration', () => {
    const read = (delay: unknown) =>
      readComplianceConfig(
        new ConfigReader({
          compliance: { evaluateOnChange: { enabled: false, delay } },
        } as any),
      ).evaluateOnChange;
    expect(read({ seconds: 2 })).toMatchObject({
      enabled: false,
      delayMs: 2_000,
    });
    expect(read('500ms')).toMatchObject({ enabled: false, delayMs: 500 });
    expect(() => read('soon')).toThrow(/evaluateOnChange\.delay/);
  });
});
