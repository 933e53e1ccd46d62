import { ConfigReader } from '@backstage/config';
import { InvalidCheckDefinitionError } from './InvalidCheckDefinitionError';
import { readDeclarativeChecks } from './readDeclarativeChecks';

const tier = {
  id: 'metadata.tier',
  title: 'Tier declared',
  rule: { type: 'presence', field: 'metadata.labels.tier' },
};
const pagerduty = {
  id: 'ops.pagerduty',
  title: 'On call',
  appliesTo: { kind: ['Component'] },
  rule: {
    type: 'presence',
    field: 'metadata.annotations.pagerduty.com/service-id',
  },
};

function configWith(declarativeChecks?: unknown) {
  return new ConfigReader(
    declarativeChecks === undefined
      ? { compliance: {} }
      : ({ compliance: { declarativeChecks } } as never),
  );
}

describe('readDeclarativeChecks', () => {
  it('returns no checks when none are configured', () => {
    expect(readDeclarativeChecks(configWith())).toEqual([]);
    expect(readDeclarativeChecks(new ConfigReader({}))).toEqual([]);
  });

  it('reads and validates the configured checks', () => {
    expect(readDeclarativeChecks(configWith([tier, pagerduty]))).toEqual([
      tier,
      pagerduty,
    ]);
  });

  it('names the index and id of an invalid check', () => {
    const bad = {
      ...tier,
      id: 'metadata.tier-pattern',
      rule: { type: 'regex', field: 'metadata.labels.tier', pattern: '[' },
    };
    expect(() =>
      readDeclarativeChecks(configWith([pagerduty, tier, bad])),
    ).toThrow(
      /^Invalid compliance check 'metadata\.tier-pattern' in compliance\.declarativeChecks\[2\]: rule\.pattern is not a valid regular expression: /,
    );
    expect(() =>
      readDeclarativeChecks(configWith([{ ...tier, id: 'Bad Id' }])),
    ).toThrow(InvalidCheckDefinitionError);
  });

  it('rejects duplicate ids', () => {
    expect(() =>
      readDeclarativeChecks(configWith([tier, pagerduty, tier])),
    ).toThrow(
      "Invalid compliance check 'metadata.tier' in compliance.declarativeChecks[2]: id 'metadata.tier' is already used by compliance.declarativeChecks[0]",
    );
  });

  it('rejects a value that is not a list', () => {
    expect(() => readDeclarativeChecks(configWith({ tier }))).toThrow(
      'Invalid compliance check in compliance.declarativeChecks: compliance.declarativeChecks must be a list of checks, got an object',
    );
  });
});
