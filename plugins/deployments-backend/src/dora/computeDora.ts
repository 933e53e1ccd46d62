import { doraBand, type DoraMetrics } from '@runway/plugin-deployments-common';
import type { DoraRun, DoraRuns } from '../database/DeploymentsStore';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The figures and counts of DoraMetrics, without scope and stage. @internal */
export type DoraFigures = Omit<DoraMetrics, 'scope' | 'productionStage'>;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round(value: number | null, decimals: number): number | null {
  if (value === null) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Finish order; runs that finished in the same millisecond by id, so "next" is defined. */
function byFinish(a: DoraRun, b: DoraRun): number {
  return a.finishedAt - b.finishedAt || a.id.localeCompare(b.id, 'en-US');
}

/**
 * The four DORA figures over [from, to), exactly as DORA_DEFINITIONS of
 * @runway/plugin-deployments-common words them, from the production deployments that
 * finished in the window and, per component, the first (successful) ones after it.
 *
 * @internal
 */
export function computeDora(
  runs: DoraRuns,
  window: { from: Date; to: Date },
): DoraFigures {
  const from = window.from.getTime();
  const to = window.to.getTime();

  // Each component's deployments in finish order: all of those in the window, then the
  // first one after it and the first successful one after it.
  const byEntity = new Map<string, DoraRun[]>();
  for (const run of [...runs.inWindow, ...runs.after]) {
    const list = byEntity.get(run.entityRef) ?? [];
    list.push(run);
    byEntity.set(run.entityRef, list);
  }

  let successful = 0;
  let failed = 0;
  let rolledBack = 0;
  const leadTimes: number[] = [];
  const restoreTimes: number[] = [];

  for (const list of byEntity.values()) {
    list.sort(byFinish);
    // For each deployment, the next successful one after it (walking back from the end).
    const nextSuccess: Array<DoraRun | undefined> = new Array(list.length);
    for (let i = list.length - 1; i >= 0; i--) {
      const following = list[i + 1];
      nextSuccess[i] =
        following?.status === 'succeeded' ? following : nextSuccess[i + 1];
    }
    for (let i = 0; i < list.length; i++) {
      const run = list[i];
      if (run.finishedAt < from || run.finishedAt >= to) continue;
      let changeFailure: boolean;
      if (run.status === 'succeeded') {
        successful += 1;
        if (!run.rollback) leadTimes.push(run.finishedAt - run.commitTime);
        changeFailure = list[i + 1]?.rollback === true;
        if (changeFailure) rolledBack += 1;
      } else {
        failed += 1;
        changeFailure = true;
      }
      const restore = nextSuccess[i];
      if (changeFailure && restore) {
        restoreTimes.push(restore.finishedAt - run.finishedAt);
      }
    }
  }

  const productionDeployments = successful + failed;
  const changeFailures = failed + rolledBack;
  const days = (to - from) / DAY_MS;
  const perDay = round(days > 0 ? successful / days : 0, 4)!;
  const ratio = round(
    productionDeployments ? changeFailures / productionDeployments : null,
    4,
  );
  const inHours = (ms: number | null) =>
    round(ms === null ? null : ms / HOUR_MS, 3);
  const leadTimeHours = inHours(median(leadTimes));
  const timeToRestoreHours = inHours(median(restoreTimes));

  return {
    window: {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      days: round(days, 4)!,
    },
    counts: {
      productionDeployments,
      successful,
      failed,
      rolledBack,
      changeFailures,
      restored: restoreTimes.length,
      leadTimeSamples: leadTimes.length,
    },
    deploymentFrequency: {
      perDay,
      // No deployment at all in the window is no data, not a low band.
      band: productionDeployments
        ? doraBand('deploymentFrequency', perDay)
        : null,
    },
    leadTimeForChanges: {
      medianHours: leadTimeHours,
      band: doraBand('leadTimeForChanges', leadTimeHours),
    },
    changeFailureRate: {
      ratio,
      band: doraBand('changeFailureRate', ratio),
    },
    timeToRestore: {
      medianHours: timeToRestoreHours,
      band: doraBand('timeToRestore', timeToRestoreHours),
    },
  };
}
