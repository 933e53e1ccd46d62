import type { DeclarativeRule } from '@runway/plugin-compliance-common';
import { describeValue } from '../describeValue';

/**
 * How to write the bounds of a count rule: "at least 1", "between 1 and 3", …
 *
 * @internal
 */
export function describeBounds(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) {
    return min === max ? `exactly ${min}` : `between ${min} and ${max}`;
  }
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

/** What the rule requires, as a phrase following the field name. */
function requirement(rule: DeclarativeRule): string {
  switch (rule.type) {
    case 'presence':
      return 'is set';
    case 'equality':
      return `is ${describeValue(rule.value)}`;
    case 'regex':
      return `matches /${rule.pattern}/`;
    case 'one-of':
      return `is one of ${rule.values.map(describeValue).join(', ')}`;
    default:
      return `has ${describeBounds(rule.min, rule.max)} entries`;
  }
}

/**
 * A description for a declarative check that has none, e.g.
 * "spec.lifecycle is one of 'production', 'experimental'."
 *
 * @internal
 */
export function describeRule(rule: DeclarativeRule): string {
  return `${rule.field} ${requirement(rule)}.`;
}

/**
 * A remediation for a declarative check that has none.
 *
 * @internal
 */
export function defaultRemediation(rule: DeclarativeRule): string {
  const where = "in the entity's catalog-info.yaml";
  switch (rule.type) {
    case 'presence':
      return `Set ${rule.field} ${where}.`;
    case 'equality':
      return `Set ${rule.field} to ${describeValue(rule.value)} ${where}.`;
    case 'regex':
      return `Set ${rule.field} to a value matching /${rule.pattern}/ ${where}.`;
    case 'one-of':
      return `Set ${rule.field} to one of ${rule.values
        .map(describeValue)
        .join(', ')} ${where}.`;
    default:
      return `Give ${rule.field} ${describeBounds(
        rule.min,
        rule.max,
      )} entries ${where}.`;
  }
}
