// Helpers for the database stores' tests. Production code must not import this file.
import type { CheckStatus } from '@runway/plugin-compliance-common';
import type { EntityEvaluation } from './ComplianceStore';

/**
 * An evaluation of `entityRef`, owned by team-a and at no level, with one result per
 * check in `statuses`; `extra` overrides any field.
 *
 * @internal
 */
export function evaluation(
  entityRef: string,
  statuses: Record<string, CheckStatus>,
  extra: Partial<EntityEvaluation> = {},
): EntityEvaluation {
  return {
    entityRef,
    ownerRef: 'group:default/team-a',
    level: null,
    results: Object.entries(statuses).map(([checkId, status]) => ({
      checkId,
      title: checkId,
      status,
      message: `${checkId} is ${status}`,
    })),
    ...extra,
  };
}
