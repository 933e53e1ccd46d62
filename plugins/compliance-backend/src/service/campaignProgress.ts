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

/** A status a check took on at a time, in the replay of an entity's history. */
type StatusEvent = { at: Date; checkId: string; status: CheckStatus };

/**
 * One entity's campaign checks over time: the status each check started with (the
 * `fromStatus` of its first change, or, never changed, its current status since it was
 * first stored), then every change. History has no row for a first evaluation.
 */
function statusEvents(
  start: Date,
  checkIds: string[],
  history: CampaignHistoryRow[],
  results: Map<string, CampaignResultRow>,
): StatusEvent[] {
  const initial: StatusEvent[] = [];
  for (const checkId of checkIds) {
    const first = history.find(row => row.checkId === checkId);
    if (first) {
      // A null `fromStatus` is an older version's row for the first evaluation: it is
      // itself the start, and is replayed below.
      if (first.fromStatus !== null) {
        initial.push({ at: start, checkId, status: first.fromStatus });
      }
      continue;
    }
    const current = results.get(checkId);
    if (current) {
      const at = current.since > start ? current.since : start;
      initial.push({ at, checkId, status: current.status });
    }
  }
  const changes = history.map(row => ({
    at: row.changedAt,
    checkId: row.checkId,
    status: row.status,
  }));
  // Stable: at equal times, starting statuses come before changes.
  return [...initial, ...changes].sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  );
}

/**
 * The burn-up of a campaign: for each day, how many entities in (today's) scope had been
 * evaluated by the end of that day (`total`), and how many of them met every campaign
 * check at that moment (`done`), replayed from each entity's first evaluation and its
 * status history. History only has a row when a status changes, so the replay is linear
 * in the number of changes, not in entities × days.
 *
 * `history` must be oldest first; rows after the last day only tell the statuses before
 * them. `results` are the current results of the campaign checks. When the last day is
 * today, its point is `today` (the current results) rather than the replay, so that it
 * matches the headline numbers exactly.
 *
 * @internal
 */
export function computeBurnUp(options: {
  scope: CampaignEntityRow[];
  checkIds: string[];
  history: CampaignHistoryRow[];
  results: CampaignResultRow[];
  days: { first: Date; count: number };
  today?: { index: number; done: number; total: number };
}): CampaignBurnUpPoint[] {
  const { checkIds, days } = options;
  const inScope = new Set(options.scope.map(e => e.entityRef));
  const totalDelta = new Array<number>(days.count).fill(0);
  const doneDelta = new Array<number>(days.count).fill(0);
  // Changes before the start count on the first day: they are the starting state.
  const dayOf = (at: Date) =>
    Math.max(0, Math.floor((at.getTime() - days.first.getTime()) / DAY_MS));

  const historyByEntity = new Map<string, CampaignHistoryRow[]>();
  for (const row of options.history) {
    if (!inScope.has(row.entityRef)) continue;
    const rows = historyByEntity.get(row.entityRef);
    if (rows) rows.push(row);
    else historyByEntity.set(row.entityRef, [row]);
  }
  const resultsByEntity = new Map<string, Map<string, CampaignResultRow>>();
  for (const row of options.results) {
    if (!inScope.has(row.entityRef)) continue;
    let byCheck = resultsByEntity.get(row.entityRef);
    if (!byCheck) {
      byCheck = new Map();
      resultsByEntity.set(row.entityRef, byCheck);
    }
    byCheck.set(row.checkId, row);
  }

  for (const entity of options.scope) {
    const history = historyByEntity.get(entity.entityRef) ?? [];
    const results = resultsByEntity.get(entity.entityRef) ?? new Map();
    // Rows older than first_evaluated_at lack it; their earliest record stands in.
    const start =
      entity.firstEvaluatedAt ??
      [
        ...history.map(h => h.changedAt),
        ...[...results.values()].map(r => r.since),
      ].sort((a, b) => a.getTime() - b.getTime())[0];
    if (!start || dayOf(start) >= days.count) continue;
    totalDelta[dayOf(start)] += 1;

    const statuses = new Map<string, CheckStatus>();
    let done = false;
    for (const event of statusEvents(start, checkIds, history, results)) {
      const day = dayOf(event.at);
      if (day >= days.count) break;
      statuses.set(event.checkId, event.status);
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
