import type {
  DeclarativeCheckDefinition,
  DeclarativeRule,
} from '@runway/plugin-compliance-common';
import { describeType, describeValue } from '../describeValue';
import { InvalidCheckDefinitionError } from './InvalidCheckDefinitionError';

/**
 * The id format of every check: lower-case words separated by dots or dashes,
 * e.g. `metadata.tier` or `docs.runbook-linked`.
 *
 * @internal
 */
export const CHECK_ID_PATTERN = /^[a-z0-9]+([.-][a-z0-9]+)*$/;

const RULE_TYPES = [
  'presence',
  'equality',
  'regex',
  'one-of',
  'count',
] as const;
type RuleType = (typeof RULE_TYPES)[number];

const DEFINITION_FIELDS = [
  'id',
  'title',
  'description',
  'remediation',
  'appliesTo',
  'rule',
];
const APPLIES_TO_FIELDS = ['kind', 'type', 'lifecycle'] as const;
const RULE_FIELDS: Record<RuleType, string[]> = {
  presence: ['type', 'field'],
  equality: ['type', 'field', 'value'],
  regex: ['type', 'field', 'pattern'],
  'one-of': ['type', 'field', 'values'],
  count: ['type', 'field', 'min', 'max'],
};

type Scalar = string | number | boolean;

/** Raised inside validation with only the detail; the caller adds where and which check. */
class Problem extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function got(value: unknown): string {
  if (value === undefined || value === null) {
    return `got ${value}`;
  }
  return `got ${describeType(value)} (${describeValue(value)})`;
}

function rejectUnknownFields(
  value: Record<string, unknown>,
  allowed: readonly string[],
  prefix: string,
  context = '',
) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new Problem(
        `${prefix}${key} is not allowed${context}; expected ${allowed
          .map(k => `${prefix}${k}`)
          .join(', ')}`,
      );
    }
  }
}

function requireString(value: unknown, name: string): string {
  if (value === undefined) {
    throw new Problem(`${name} is missing`);
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Problem(`${name} must be a non-empty string, ${got(value)}`);
  }
  return value;
}

function optionalString(value: unknown, name: string): string | undefined {
  return value === undefined ? undefined : requireString(value, name);
}

function requireStringList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Problem(
      `${name} must be a non-empty list of strings, ${got(value)}`,
    );
  }
  value.forEach((item, i) => requireString(item, `${name}[${i}]`));
  return [...value];
}

function requireScalar(value: unknown, name: string): Scalar {
  if (value === undefined) {
    throw new Problem(`${name} is missing`);
  }
  if (!isScalar(value)) {
    throw new Problem(
      `${name} must be a string, number or boolean, ${got(value)}`,
    );
  }
  return value;
}

function optionalCount(value: unknown, name: string): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Problem(`${name} must be a non-negative integer, ${got(value)}`);
  }
  return value;
}

/** A dot path of non-empty segments; a segment may contain dots only inside keys. */
function requireFieldPath(value: unknown): string {
  const field = requireString(value, 'rule.field');
  if (field.split('.').some(segment => segment === '')) {
    throw new Problem(
      `rule.field '${field}' must be a dot path such as spec.owner, without empty segments`,
    );
  }
  return field;
}

function validateAppliesTo(
  value: unknown,
): DeclarativeCheckDefinition['appliesTo'] {
  if (value === undefined) {
    return undefined;
  }
  if (!isObject(value)) {
    throw new Problem(`appliesTo must be an object, ${got(value)}`);
  }
  rejectUnknownFields(value, APPLIES_TO_FIELDS, 'appliesTo.');
  const appliesTo: NonNullable<DeclarativeCheckDefinition['appliesTo']> = {};
  for (const key of APPLIES_TO_FIELDS) {
    if (value[key] !== undefined) {
      appliesTo[key] = requireStringList(value[key], `appliesTo.${key}`);
    }
  }
  return appliesTo;
}

function validateRule(value: unknown): DeclarativeRule {
  if (value === undefined) {
    throw new Problem('rule is missing');
  }
  if (!isObject(value)) {
    throw new Problem(`rule must be an object, ${got(value)}`);
  }
  const type = value.type;
  if (!RULE_TYPES.includes(type as RuleType)) {
    throw new Problem(
      `rule.type ${
        type === undefined
          ? 'is missing'
          : `${describeValue(type)} is not valid`
      }; expected one of ${RULE_TYPES.join(', ')}`,
    );
  }
  const ruleType = type as RuleType;
  rejectUnknownFields(
    value,
    RULE_FIELDS[ruleType],
    'rule.',
    ` for a ${ruleType} rule`,
  );
  const field = requireFieldPath(value.field);

  switch (ruleType) {
    case 'presence':
      return { type: ruleType, field };
    case 'equality':
      return {
        type: ruleType,
        field,
        value: requireScalar(value.value, 'rule.value'),
      };
    case 'regex': {
      const pattern = requireString(value.pattern, 'rule.pattern');
      try {
        // Compiled only to reject a bad pattern now, not when the first entity is evaluated.
        RegExp(pattern);
      } catch (e) {
        throw new Problem(
          `rule.pattern is not a valid regular expression: ${
            e instanceof Error ? e.message : String(e)
          }`,
        );
      }
      return { type: ruleType, field, pattern };
    }
    case 'one-of': {
      const values = value.values;
      if (values === undefined) {
        throw new Problem('rule.values is missing');
      }
      if (!Array.isArray(values) || values.length === 0) {
        throw new Problem(
          `rule.values must be a non-empty list of strings, numbers or booleans, ${got(
            values,
          )}`,
        );
      }
      return {
        type: ruleType,
        field,
        values: values.map((item, i) =>
          requireScalar(item, `rule.values[${i}]`),
        ),
      };
    }
    default: {
      const min = optionalCount(value.min, 'rule.min');
      const max = optionalCount(value.max, 'rule.max');
      if (min === undefined && max === undefined) {
        throw new Problem('a count rule needs rule.min, rule.max or both');
      }
      if (min !== undefined && max !== undefined && min > max) {
        throw new Problem(
          `rule.min (${min}) must not be greater than rule.max (${max})`,
        );
      }
      return {
        type: 'count',
        field,
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
      };
    }
  }
}

function validateDefinition(
  value: Record<string, unknown>,
): DeclarativeCheckDefinition {
  rejectUnknownFields(value, DEFINITION_FIELDS, '');
  const title = requireString(value.title, 'title');
  const description = optionalString(value.description, 'description');
  const remediation = optionalString(value.remediation, 'remediation');
  const appliesTo = validateAppliesTo(value.appliesTo);
  const rule = validateRule(value.rule);
  return {
    id: value.id as string,
    title,
    ...(description !== undefined ? { description } : {}),
    ...(remediation !== undefined ? { remediation } : {}),
    ...(appliesTo !== undefined ? { appliesTo } : {}),
    rule,
  };
}

/**
 * Validates one declarative check definition strictly (unknown fields are rejected) and
 * returns a clean copy. `where` names its origin for the error message, e.g.
 * `compliance.declarativeChecks[2]` or `the request body`.
 *
 * @throws {@link InvalidCheckDefinitionError} naming the check and the field.
 * @internal
 */
export function validateDeclarativeCheck(
  value: unknown,
  where: string,
): DeclarativeCheckDefinition {
  if (!isObject(value)) {
    throw new InvalidCheckDefinitionError({
      where,
      detail: `a check must be an object, ${got(value)}`,
    });
  }
  const id = value.id;
  const validId =
    typeof id === 'string' && CHECK_ID_PATTERN.test(id) ? id : undefined;
  try {
    if (!validId) {
      throw new Problem(
        id === undefined
          ? 'id is missing'
          : `id ${describeValue(id)} must match ${CHECK_ID_PATTERN.source}`,
      );
    }
    return validateDefinition(value);
  } catch (e) {
    if (e instanceof Problem) {
      throw new InvalidCheckDefinitionError({
        where,
        checkId: validId,
        detail: e.message,
      });
    }
    throw e;
  }
}
