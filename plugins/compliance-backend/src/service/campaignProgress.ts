import type {
  CampaignBurnUpPoint,
  CheckStatus,
} from '@runway/plugin-compliance-common';
import type {
  CampaignEntityRow,
  CampaignHistoryRow,
  CampaignResultRow,
} from '../database/CampaignStore';

const DAY_MS = 86_400_000;

/** Statuses that count as meeting a campaign check. */
const SATISFIED: ReadonlySet<CheckStatus> = new Set<CheckStatus>([
  'pass',
  'exempt',
  'not-applicable',
]);

/** An entity in scope that does not yet meet the campaign. @internal */
export type UnmetEntity = {
  entityRef: string;
  ownerRef?: string;
  /** Campaign checks that fail, error, or have no result yet. */
  failing: string[];
};

/** Where the entities in scope stand now. @internal */
export type CampaignStanding = {
  entityCount: number;
  doneCount: number;
  percentDone: number;
  /** Every entity that is not done, the most unmet checks first. */
  unmet: UnmetEntity[];
};

function unmetChecks(
  checkIds: string[],
  statuses: Map<string, CheckStatus> | undefined,
): string[] {
  return checkIds.filter(id => {
    const status = statuses?.get(id);
    return !status || !SATISFIED.has(status);
  });
}

/** 0–100 with one decimal; 100 for an empty scope, like the rollup. */
function percent(done: number, total: number): number {
  return total === 0 ? 100 : Math.round((done / total) * 1000) / 10;
}

/**
 * Counts the entities in scope whose campaign checks all pass, are exempt or do not apply.
 * An entity without a result for a check (not evaluated for it yet) does not meet it.
 *
 * @internal
 */
export function computeStanding(
  scope: CampaignEntityRow[],
  checkIds: string[],
  results: CampaignResultRow[],
): CampaignStanding {
  const byEntity = new Map<string, Map<string, CheckStatus>>();
  for (const result of results) {
    let statuses = byEntity.get(result.entityRef);
    if (!statuses) {
      statuses = new Map();
      byEntity.set(result.entityRef, statuses);
    }
    statuses.set(result.checkId, result.status);
  }
  const unmet: UnmetEntity[] = [];
  for (const entity of scope) {
    const failing = unmetChecks(checkIds, byEntity.get(entity.entityRef));
    if (failing.length) {
      unmet.push({
        entityRef: entity.entityRef,
        ...(entity.ownerRef ? { ownerRef: entity.ownerRef } : {}),
        failing,
      });
    }
  }
  unmet.sort(
    (a, b) =>
      b.failing.length - a.failing.length ||
      a.entityRef.localeCompare(b.entityRef),
  );
  const doneCount = scope.length - unmet.length;
  return {
    entityCount: scope.length,
    doneCount,
    percentDone: percent(doneCount, scope.length),
    unmet,
  };
}

/** Midnight UTC of the day of `date`. */
export function startOfUtcDay(date: Date): Date {
  return new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
  );
}

/**
 * The days a campaign's burn-up covers: from the day it started to today, its deadline or
 * the day it ended, whichever is first (UTC days, both ends included).
 *
 * @internal
 */
export function burnUpDays(campaign: {
  createdAt: string;
  deadline: string;
  endedAt?: string;
  now: Date;
}): { first: Date; last: Date; count: number } {
  const first = startOfUtcDay(new Date(campaign.createdAt));
  const ends = [campaign.now, new Date(campaign.deadline)];
  if (campaign.endedAt) ends.push(new Date(campaign.endedAt));
  const lastEnd = new Date(Math.min(...ends.map(d => d.getTime())));
  const last = new Date(
    Math.max(first.getTime(), startOfUtcDay(lastEnd).getTime()),
  );
  return {
    first,
    last,
    count: Math.round((last.getTime() - first.getTime()) / DAY_MS) + 1,
  };
}

/**
 * The burn-up of a campaign: for each day, how many entities in (today's) scope had been
 * evaluated by the end of that day (`total`), and how many of them met every campaign
 * check at that moment (`done`), replayed from the status history. History only has a row
 * when a status changes, so the replay is linear in the number of changes, not in
 * entities × days.
 *
 * `history` must be oldest first and end before the day after `days.last`. When the last
 * day is today, its point is `today` (the current results) rather than the replay, so that
 * it matches the headline numbers exactly.
 *
 * @internal
 */
export function computeBurnUp(options: {
  scope: CampaignEntityRow[];
  checkIds: string[];
  history: CampaignHistoryRow[];
  days: { first: Date; count: number };
  today?: { index: number; done: number; total: number };
}): CampaignBurnUpPoint[] {
  const { checkIds, days } = options;
  const inScope = new Set(options.scope.map(e => e.entityRef));
  const totalDelta = new Array<number>(days.count).fill(0);
  const doneDelta = new Array<number>(days.count).fill(0);

  const historyByEntity = new Map<string, CampaignHistoryRow[]>();
  for (const row of options.history) {
    if (!inScope.has(row.entityRef)) continue;
    const rows = historyByEntity.get(row.entityRef);
    if (rows) rows.push(row);
    else historyByEntity.set(row.entityRef, [row]);
  }

  for (const rows of historyByEntity.values()) {
    const statuses = new Map<string, CheckStatus>();
    let counted = false;
    let done = false;
    for (const row of rows) {
      // Changes before the start count on the first day: they are the starting state.
      const day = Math.max(
        0,
        Math.floor((row.changedAt.getTime() - days.first.getTime()) / DAY_MS),
      );
      if (day >= days.count) break;
      if (!counted) {
        totalDelta[day] += 1;
        counted = true;
      }
      statuses.set(row.checkId, row.status);
      const nowDone = unmetChecks(checkIds, statuses).length === 0;
      if (nowDone !== done) {
        doneDelta[day] += nowDone ? 1 : -1;
        done = nowDone;
      }
    }
  }

  const points: CampaignBurnUpPoint[] = [];
  let total = 0;
  let done = 0;
  for (let i = 0; i < days.count; i++) {
    total += totalDelta[i];
    done += doneDelta[i];
    points.push({
      date: new Date(days.first.getTime() + i * DAY_MS)
        .toISOString()
        .slice(0, 10),
      done,
      total,
    });
  }
  if (options.today && options.today.index < points.length) {
    const point = points[options.today.index];
    point.done = options.today.done;
    point.total = options.today.total;
  }
  return points;
}
