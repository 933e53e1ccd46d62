import type {
  CheckStatus,
  EntityCompliance,
  Exemption,
} from '@runway/plugin-compliance-common';
import { meetsRequirement } from '../service/levels';
import { toCheckResult } from './actionSchemas';

/** An exemption that still matters to someone deciding what to do next. */
function isOpen(
  exemption: Exemption,
): exemption is Exemption & { status: 'pending' | 'approved' } {
  return exemption.status === 'pending' || exemption.status === 'approved';
}

/**
 * An entity's compliance told for an assistant: each check with why and how to fix it, the
 * level reached, and what the next level still needs. Levels build on each other, so the
 * next level needs its own checks and every lower level's that are not met yet.
 *
 * @internal
 */
export function explainCompliance(compliance: EntityCompliance) {
  const statusByCheck = new Map<string, CheckStatus>(
    compliance.results.map(r => [r.checkId, r.status]),
  );
  const firstLevelOf = new Map<string, string>();
  for (const level of compliance.levels) {
    for (const checkId of level.checks) {
      if (!firstLevelOf.has(checkId)) firstLevelOf.set(checkId, level.id);
    }
  }

  const checks = compliance.results.map(result => ({
    ...toCheckResult(result),
    ...(firstLevelOf.has(result.checkId)
      ? { requiredFor: firstLevelOf.get(result.checkId)! }
      : {}),
  }));

  const nextIndex = compliance.levels.findIndex(level => !level.achieved);
  const next = nextIndex >= 0 ? compliance.levels[nextIndex] : undefined;
  const unmetChecks = next
    ? compliance.levels
        .slice(0, nextIndex + 1)
        .flatMap(level => level.checks)
        .filter(checkId => !meetsRequirement(statusByCheck.get(checkId)))
    : [];

  return {
    entityRef: compliance.entityRef,
    ...(compliance.ownerRef ? { ownerRef: compliance.ownerRef } : {}),
    evaluated: compliance.evaluatedAt !== undefined,
    ...(compliance.evaluatedAt ? { evaluatedAt: compliance.evaluatedAt } : {}),
    summary: summarize(compliance, next?.id, unmetChecks, statusByCheck),
    level: compliance.level,
    levels: compliance.levels.map(({ id, title, achieved }) => ({
      id,
      title,
      achieved,
    })),
    nextLevel: next ? { id: next.id, title: next.title, unmetChecks } : null,
    checks,
    exemptions: compliance.exemptions.filter(isOpen).map(exemption => ({
      id: exemption.id,
      checkId: exemption.checkId,
      status: exemption.status,
      requestedBy: exemption.requestedBy,
      expiresAt: exemption.expiresAt,
    })),
  };
}

function summarize(
  compliance: EntityCompliance,
  nextLevel: string | undefined,
  unmetChecks: string[],
  statusByCheck: Map<string, CheckStatus>,
): string {
  const { entityRef, level } = compliance;
  if (compliance.evaluatedAt === undefined) {
    return `${entityRef} has not been evaluated yet; it is evaluated when the catalog changes it and by the periodic sweep.`;
  }
  const reached = level
    ? `${entityRef} is at level ${level}`
    : `${entityRef} reaches no level`;
  if (!nextLevel) return `${reached}, the highest there is.`;
  const needs = unmetChecks
    .map(id => `${id} (${statusByCheck.get(id) ?? 'no result'})`)
    .join(', ');
  return `${reached}; ${nextLevel} also needs ${needs}.`;
}
