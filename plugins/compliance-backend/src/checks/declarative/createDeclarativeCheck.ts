import type { DeclarativeCheckDefinition } from '@runway/plugin-compliance-common';
import type { ComplianceCheck } from '@runway/plugin-compliance-node';
import { fail, notApplicable, pass } from '../outcomes';
import { compileRule } from './compileRule';
import { defaultRemediation, describeRule } from './describeRule';
import { whyNotApplicable } from './whyNotApplicable';

/**
 * Turns a validated declarative check definition (see `validateDeclarativeCheck`) into a
 * check: entities outside `appliesTo` are not applicable, the others pass or fail the rule.
 *
 * @internal
 */
export function createDeclarativeCheck(
  definition: DeclarativeCheckDefinition,
): ComplianceCheck {
  const evaluateRule = compileRule(definition.rule);
  const remediation =
    definition.remediation ?? defaultRemediation(definition.rule);
  return {
    id: definition.id,
    title: definition.title,
    description: definition.description ?? describeRule(definition.rule),
    evaluate(entity) {
      const reason = whyNotApplicable(entity, definition.appliesTo);
      if (reason) {
        return notApplicable(reason);
      }
      const result = evaluateRule(entity);
      return result.passed
        ? pass(result.message)
        : fail(result.message, remediation);
    },
  };
}
