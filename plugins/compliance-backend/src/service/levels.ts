import type {
  CheckStatus,
  LevelStatus,
} from '@runway/plugin-compliance-common';
import type { LevelDefinition } from '../config';

/** Statuses that satisfy a level's requirement. */
const SATISFIED: CheckStatus[] = ['pass', 'exempt', 'not-applicable'];

/** Whether a required check with this result (undefined: none yet) counts as met. @internal */
export function meetsRequirement(status: CheckStatus | undefined): boolean {
  return status !== undefined && SATISFIED.includes(status);
}

/**
 * An entity's level is the highest level whose checks, and the checks of every lower level,
 * pass, are exempt, or do not apply. A required check with no result does not count as met.
 *
 * @internal
 */
export function computeLevel(
  levels: LevelDefinition[],
  statusByCheck: Map<string, CheckStatus>,
): { level: string | null; levels: LevelStatus[] } {
  let level: string | null = null;
  let lowerLevelsMet = true;
  const statuses = levels.map(definition => {
    const met = definition.checks.every(checkId =>
      meetsRequirement(statusByCheck.get(checkId)),
    );
    const achieved = lowerLevelsMet && met;
    if (achieved) level = definition.id;
    lowerLevelsMet = achieved;
    return {
      id: definition.id,
      title: definition.title,
      checks: definition.checks,
      achieved,
    };
  });
  return { level, levels: statuses };
}

/** The checks an entity must meet for a level: that level's and every lower level's. @internal */
export function checksRequiredFor(
  levels: LevelDefinition[],
  levelId: string,
): string[] {
  const index = levels.findIndex(l => l.id === levelId);
  return levels.slice(0, index + 1).flatMap(l => l.checks);
}
