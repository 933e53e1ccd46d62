import type { Entity } from '@backstage/catalog-model';
import type { DeclarativeRule } from '@runway/plugin-compliance-common';
import { describeType, describeValue } from '../describeValue';
import { describeBounds } from './describeRule';
import { lookupField } from './lookupField';

/**
 * Whether an entity meets a rule, and a message naming the field and its actual value.
 *
 * @internal
 */
export type RuleResult = { passed: boolean; message: string };

type Scalar = string | number | boolean;

function isScalar(value: unknown): value is Scalar {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

/**
 * Entity data is YAML written by people: `tier: 1` and `tier: "1"` mean the same, so
 * scalars compare by their text.
 */
function sameScalar(actual: unknown, expected: Scalar): boolean {
  return isScalar(actual) && String(actual) === String(expected);
}

function presence(field: string, value: unknown): RuleResult {
  if (isAbsent(value)) {
    return { passed: false, message: `${field} is missing` };
  }
  const empty =
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' &&
      value !== null &&
      Object.keys(value).length === 0);
  return empty
    ? { passed: false, message: `${field} is empty` }
    : { passed: true, message: `${field} is set to ${describeValue(value)}` };
}

function equality(field: string, value: unknown, expected: Scalar): RuleResult {
  if (isAbsent(value)) {
    return {
      passed: false,
      message: `${field} is missing; expected ${describeValue(expected)}`,
    };
  }
  return sameScalar(value, expected)
    ? { passed: true, message: `${field} is ${describeValue(value)}` }
    : {
        passed: false,
        message: `${field} is ${describeValue(value)}; expected ${describeValue(
          expected,
        )}`,
      };
}

function regex(field: string, value: unknown, pattern: RegExp): RuleResult {
  const expected = `a value matching ${pattern}`;
  if (isAbsent(value)) {
    return {
      passed: false,
      message: `${field} is missing; expected ${expected}`,
    };
  }
  if (!isScalar(value)) {
    return {
      passed: false,
      message: `${field} is ${describeType(value)} (${describeValue(
        value,
      )}); expected ${expected}`,
    };
  }
  return pattern.test(String(value))
    ? {
        passed: true,
        message: `${field} is ${describeValue(
          value,
        )}, which matches ${pattern}`,
      }
    : {
        passed: false,
        message: `${field} is ${describeValue(
          value,
        )}, which does not match ${pattern}`,
      };
}

function oneOf(field: string, value: unknown, values: Scalar[]): RuleResult {
  const expected = `one of ${values.map(describeValue).join(', ')}`;
  if (isAbsent(value)) {
    return {
      passed: false,
      message: `${field} is missing; expected ${expected}`,
    };
  }
  return values.some(v => sameScalar(value, v))
    ? { passed: true, message: `${field} is ${describeValue(value)}` }
    : {
        passed: false,
        message: `${field} is ${describeValue(
          value,
        )}, which is not ${expected}`,
      };
}

function count(
  field: string,
  value: unknown,
  min?: number,
  max?: number,
): RuleResult {
  const bounds = describeBounds(min, max);
  let size: number;
  let subject: string;
  if (isAbsent(value)) {
    size = 0;
    subject = `${field} is missing (0 entries)`;
  } else if (Array.isArray(value) || typeof value === 'object') {
    size = Object.keys(value as object).length;
    subject = `${field} has ${size} ${size === 1 ? 'entry' : 'entries'}`;
  } else {
    return {
      passed: false,
      message: `${field} is ${describeType(value)} (${describeValue(
        value,
      )}), not a list whose entries can be counted; expected ${bounds} entries`,
    };
  }
  const passed =
    (min === undefined || size >= min) && (max === undefined || size <= max);
  return passed
    ? { passed, message: `${subject}, ${bounds} as required` }
    : { passed, message: `${subject}; expected ${bounds}` };
}

/**
 * Prepares a validated rule for evaluation over many entities (the regular expression is
 * compiled once).
 *
 * @internal
 */
export function compileRule(
  rule: DeclarativeRule,
): (entity: Entity) => RuleResult {
  const read = (entity: Entity) => lookupField(entity, rule.field);
  switch (rule.type) {
    case 'presence':
      return entity => presence(rule.field, read(entity));
    case 'equality':
      return entity => equality(rule.field, read(entity), rule.value);
    case 'regex': {
      const pattern = new RegExp(rule.pattern);
      return entity => regex(rule.field, read(entity), pattern);
    }
    case 'one-of':
      return entity => oneOf(rule.field, read(entity), rule.values);
    default:
      return entity => count(rule.field, read(entity), rule.min, rule.max);
  }
}
