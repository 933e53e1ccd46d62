/** A row of `compliance_level_history`, as written. @internal */
export type LevelHistoryRow = {
  entity_ref: string;
  owner_ref: string | null;
  level: string | null;
  removed: boolean;
  changed_at: Date;
};

/**
 * The level history row for a save of one entity, or undefined when neither its level nor
 * its owner changed. The owner is recorded too, so that a group's trend counts an entity
 * under the owner it had on each day.
 *
 * @internal
 */
export function levelHistoryRow(
  previous: { level: string | null; owner_ref: string | null } | undefined,
  current: { entityRef: string; ownerRef?: string; level: string | null },
  now: Date,
): LevelHistoryRow | undefined {
  const ownerRef = current.ownerRef ?? null;
  if (
    previous &&
    previous.level === current.level &&
    previous.owner_ref === ownerRef
  ) {
    return undefined;
  }
  return {
    entity_ref: current.entityRef,
    owner_ref: ownerRef,
    level: current.level,
    removed: false,
    changed_at: now,
  };
}

/**
 * The level history row for an entity that was removed from the results.
 *
 * @internal
 */
export function levelRemovalRow(
  entityRef: string,
  previous: { owner_ref: string | null } | undefined,
  now: Date,
): LevelHistoryRow {
  return {
    entity_ref: entityRef,
    owner_ref: previous?.owner_ref ?? null,
    level: null,
    removed: true,
    changed_at: now,
  };
}
