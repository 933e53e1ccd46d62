import { InvalidCheckDefinitionError } from './InvalidCheckDefinitionError';
import { validateDeclarativeCheck } from './validateDeclarativeCheck';

const WHERE = 'compliance.declarativeChecks[2]';

function errorFor(value: unknown, where = WHERE): unknown {
  try {
    validateDeclarativeCheck(value, where);
  } catch (e) {
    return e;
  }
  return undefined;
}

function messageFor(value: unknown): string {
  const error = errorFor(value);
  expect(error).toBeInstanceOf(InvalidCheckDefinitionError);
  return (error as Error).message;
}

const valid = {
  id: 'metadata.tier',
  title: 'Tier declared',
  rule: { type: 'presence', field: 'metadata.labels.tier' },
};

function withRule(rule: Record<string, unknown>) {
  return { ...valid, rule };
}

describe('validateDeclarativeCheck', () => {
  it('returns a clean copy of a valid definition', () => {
    const definition = {
      id: 'docs.runbook-1',
      title: 'Runbook linked',
      description: 'Links a runbook.',
      remediation: 'Add the runbook link.',
      appliesTo: {
        kind: ['Component'],
        type: ['service'],
        lifecycle: ['production'],
      },
      rule: {
        type: 'regex',
        field: 'metadata.links.0.url',
        pattern: '^https://',
      },
    };
    const result = validateDeclarativeCheck(definition, WHERE);
    expect(result).toEqual(definition);
    expect(result).not.toBe(definition);
    expect(result.appliesTo?.kind).not.toBe(definition.appliesTo.kind);
  });

  it.each([
    [{ type: 'presence', field: 'spec.owner' }],
    [{ type: 'equality', field: 'spec.type', value: 'service' }],
    [{ type: 'equality', field: 'spec.replicas', value: 3 }],
    [{ type: 'equality', field: 'spec.public', value: false }],
    [{ type: 'regex', field: 'metadata.name', pattern: '^[a-z-]+$' }],
    [{ type: 'one-of', field: 'metadata.labels.tier', values: ['1', 2, true] }],
    [{ type: 'count', field: 'metadata.tags', min: 0 }],
    [{ type: 'count', field: 'metadata.tags', max: 5 }],
    [{ type: 'count', field: 'metadata.tags', min: 2, max: 2 }],
  ])('accepts the rule %j', rule => {
    expect(validateDeclarativeCheck(withRule(rule), WHERE).rule).toEqual(rule);
  });

  it('names the check and its position in every message', () => {
    expect(
      messageFor(
        withRule({ type: 'regex', field: 'metadata.name', pattern: '(' }),
      ),
    ).toMatch(
      /^Invalid compliance check 'metadata\.tier' in compliance\.declarativeChecks\[2\]: rule\.pattern is not a valid regular expression: .+/,
    );
  });

  it.each([
    [
      'a non-object',
      'metadata.tier',
      "Invalid compliance check in compliance.declarativeChecks[2]: a check must be an object, got a string ('metadata.tier')",
    ],
    [
      'a list',
      [valid],
      'Invalid compliance check in compliance.declarativeChecks[2]: a check must be an object, got a list',
    ],
  ])('rejects %s', (_, value, message) => {
    expect(messageFor(value).startsWith(message)).toBe(true);
  });

  it.each([
    [{ ...valid, id: undefined }, 'id is missing'],
    [
      { ...valid, id: 'Metadata.Tier' },
      "id 'Metadata.Tier' must match ^[a-z0-9]+([.-][a-z0-9]+)*$",
    ],
    [
      { ...valid, id: 'metadata..tier' },
      "id 'metadata..tier' must match ^[a-z0-9]+([.-][a-z0-9]+)*$",
    ],
    [
      { ...valid, id: 'tier-' },
      "id 'tier-' must match ^[a-z0-9]+([.-][a-z0-9]+)*$",
    ],
    [{ ...valid, id: 7 }, 'id 7 must match ^[a-z0-9]+([.-][a-z0-9]+)*$'],
  ])('rejects an invalid id without naming the check: %j', (value, detail) => {
    expect(messageFor(value)).toBe(
      `Invalid compliance check in ${WHERE}: ${detail}`,
    );
  });

  it.each([
    [{ ...valid, title: undefined }, 'title is missing'],
    [
      { ...valid, title: '' },
      "title must be a non-empty string, got a string ('')",
    ],
    [
      { ...valid, title: 5 },
      'title must be a non-empty string, got a number (5)',
    ],
    [
      { ...valid, description: ['x'] },
      'description must be a non-empty string, got a list (["x"])',
    ],
    [
      { ...valid, remediation: false },
      'remediation must be a non-empty string, got a boolean (false)',
    ],
    [
      { ...valid, severity: 'high' },
      'severity is not allowed; expected id, title, description, remediation, appliesTo, rule',
    ],
    [
      { ...valid, appliesTo: ['Component'] },
      'appliesTo must be an object, got a list (["Component"])',
    ],
    [
      { ...valid, appliesTo: { kinds: ['Component'] } },
      'appliesTo.kinds is not allowed; expected appliesTo.kind, appliesTo.type, appliesTo.lifecycle',
    ],
    [
      { ...valid, appliesTo: { kind: 'Component' } },
      "appliesTo.kind must be a non-empty list of strings, got a string ('Component')",
    ],
    [
      { ...valid, appliesTo: { type: [] } },
      'appliesTo.type must be a non-empty list of strings, got a list ([])',
    ],
    [
      { ...valid, appliesTo: { lifecycle: ['production', 3] } },
      'appliesTo.lifecycle[1] must be a non-empty string, got a number (3)',
    ],
    [{ ...valid, rule: undefined }, 'rule is missing'],
    [
      { ...valid, rule: 'presence' },
      "rule must be an object, got a string ('presence')",
    ],
    [
      withRule({ field: 'spec.owner' }),
      'rule.type is missing; expected one of presence, equality, regex, one-of, count',
    ],
    [
      withRule({ type: 'exists', field: 'spec.owner' }),
      "rule.type 'exists' is not valid; expected one of presence, equality, regex, one-of, count",
    ],
    [withRule({ type: 'presence' }), 'rule.field is missing'],
    [
      withRule({ type: 'presence', field: '' }),
      "rule.field must be a non-empty string, got a string ('')",
    ],
    [
      withRule({ type: 'presence', field: 'spec..owner' }),
      "rule.field 'spec..owner' must be a dot path such as spec.owner, without empty segments",
    ],
    [
      withRule({ type: 'presence', field: 'spec.owner', value: 'x' }),
      'rule.value is not allowed for a presence rule; expected rule.type, rule.field',
    ],
    [
      withRule({ type: 'equality', field: 'spec.type' }),
      'rule.value is missing',
    ],
    [
      withRule({ type: 'equality', field: 'spec.type', value: ['a'] }),
      'rule.value must be a string, number or boolean, got a list (["a"])',
    ],
    [
      withRule({ type: 'equality', field: 'spec.type', value: null }),
      'rule.value must be a string, number or boolean, got null',
    ],
    [
      withRule({ type: 'regex', field: 'metadata.name' }),
      'rule.pattern is missing',
    ],
    [
      withRule({
        type: 'regex',
        field: 'metadata.name',
        pattern: '^x',
        values: ['x'],
      }),
      'rule.values is not allowed for a regex rule; expected rule.type, rule.field, rule.pattern',
    ],
    [
      withRule({ type: 'one-of', field: 'spec.lifecycle' }),
      'rule.values is missing',
    ],
    [
      withRule({ type: 'one-of', field: 'spec.lifecycle', values: [] }),
      'rule.values must be a non-empty list of strings, numbers or booleans, got a list ([])',
    ],
    [
      withRule({
        type: 'one-of',
        field: 'spec.lifecycle',
        values: ['a', { b: 1 }],
      }),
      'rule.values[1] must be a string, number or boolean, got an object ({"b":1})',
    ],
    [
      withRule({ type: 'count', field: 'metadata.tags' }),
      'a count rule needs rule.min, rule.max or both',
    ],
    [
      withRule({ type: 'count', field: 'metadata.tags', min: -1 }),
      'rule.min must be a non-negative integer, got a number (-1)',
    ],
    [
      withRule({ type: 'count', field: 'metadata.tags', max: 1.5 }),
      'rule.max must be a non-negative integer, got a number (1.5)',
    ],
    [
      withRule({ type: 'count', field: 'metadata.tags', min: '1' }),
      "rule.min must be a non-negative integer, got a string ('1')",
    ],
    [
      withRule({ type: 'count', field: 'metadata.tags', min: 3, max: 1 }),
      'rule.min (3) must not be greater than rule.max (1)',
    ],
  ])('rejects %j', (value, detail) => {
    expect(messageFor(value)).toBe(
      `Invalid compliance check 'metadata.tier' in ${WHERE}: ${detail}`,
    );
  });

  it('carries where, which check and the detail on the error', () => {
    expect(
      errorFor({ ...valid, title: undefined }, 'the request body'),
    ).toMatchObject({
      name: 'InvalidCheckDefinitionError',
      where: 'the request body',
      checkId: 'metadata.tier',
      detail: 'title is missing',
    });
  });
});
