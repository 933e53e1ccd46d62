import type { LevelTrendPoint } from '@runway/plugin-compliance-common';
import type { LevelChange } from '../database/ReportStore';

const DAY_MS = 86_400_000;

/** Midnight UTC at the start of the day of `date`. @internal */
export function startOfUtcDay(date: Date): Date {
  return new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
  );
}

/** The first instant of the `days`-day window that ends with the day of `now` (UTC). @internal */
export function trendWindow(
  now: Date,
  days: number,
): { from: Date; until: Date } {
  const today = startOfUtcDay(now);
  return {
    from: new Date(today.getTime() - (days - 1) * DAY_MS),
    until: new Date(today.getTime() + DAY_MS),
  };
}

/**
 * Replays the level history into the level distribution at the end of each UTC day from
 * `from` on. An entity counts on a day when, at the end of that day, it was evaluated, not
 * removed, and (with `ownerRefs`) owned by one of them.
 *
 * @param initial - each entity's state at `from`
 * @param changes - the rows from `from` on, oldest first
 * @param levelIds - the configured levels, so that every point has every level (and `none`)
 *
 * @internal
 */
export function replayLevelTrend(options: {
  initial: LevelChange[];
  changes: LevelChange[];
  from: Date;
  days: number;
  levelIds: string[];
  ownerRefs?: Set<string>;
}): LevelTrendPoint[] {
  const { initial, changes, from, days, levelIds, ownerRefs } = options;
  const current = new Map<string, LevelChange>();
  for (const row of initial) current.set(row.entityRef, row);

  const points: LevelTrendPoint[] = [];
  let next = 0;
  for (let day = 0; day < days; day++) {
    const dayStart = from.getTime() + day * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    while (
      next < changes.length &&
      changes[next].changedAt.getTime() < dayEnd
    ) {
      current.set(changes[next].entityRef, changes[next]);
      next += 1;
    }
    const levels: Record<string, number> = { none: 0 };
    for (const id of levelIds) levels[id] = 0;
    for (const state of current.values()) {
      if (state.removed) continue;
      if (ownerRefs && !(state.ownerRef && ownerRefs.has(state.ownerRef))) {
        continue;
      }
      const key = state.level ?? 'none';
      levels[key] = (levels[key] ?? 0) + 1;
    }
    points.push({
      date: new Date(dayStart).toISOString().slice(0, 10),
      levels,
    });
  }
  return points;
}
