// A year of made-up deployment history, the same on every run. Production code must not
// import this file.
import type { ImportedDeployment } from '@runway/plugin-deployments-common';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: a small seeded generator, so that the history is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** How a component deploys. @internal */
export type DeployProfile = {
  entityRef: string;
  /** Production deployments per day, on average. */
  perDay: number;
  /** The share of production deployments that fail. */
  failureRate: number;
  /** The share of successful ones that the next deployment rolls back. */
  rollbackRate: number;
};

/**
 * Production (and some staging) deployments of each component between `from` and `to`,
 * one after the other: each starts after the previous one finished, at random gaps around
 * the profile's rate, lasting 2 to 40 minutes, for a commit made up to 12 days before.
 *
 * @internal
 */
export function generateHistory(options: {
  seed: number;
  from: string;
  to: string;
  profiles: DeployProfile[];
}): ImportedDeployment[] {
  const random = seeded(options.seed);
  const between = (min: number, max: number) => min + random() * (max - min);
  const from = Date.parse(options.from);
  const to = Date.parse(options.to);
  const rows: ImportedDeployment[] = [];
  const sha = () =>
    Array.from({ length: 40 }, () =>
      Math.floor(random() * 16).toString(16),
    ).join('');

  options.profiles.forEach((profile, p) => {
    let time = from;
    let version = 0;
    let rollBackNext = false;
    for (let n = 0; ; n++) {
      // Exponential gaps: a Poisson process at the profile's rate.
      time += (-Math.log(1 - random()) / profile.perDay) * DAY;
      const startedAt = Math.round(time);
      const finishedAt = startedAt + Math.round(between(2, 40) * 60_000);
      if (finishedAt >= to) break;
      const rollback = rollBackNext;
      if (!rollback) version += 1;
      const status = random() < profile.failureRate ? 'failed' : 'succeeded';
      rollBackNext = status === 'succeeded' && random() < profile.rollbackRate;
      const commitTime = startedAt - Math.round(between(0.2, 288) * HOUR);
      const row = {
        entityRef: profile.entityRef,
        version: rollback ? `${version - 1}.0.0` : `${version}.0.0`,
        commitSha: sha(),
        commitTime: new Date(commitTime).toISOString(),
        startedAt: new Date(startedAt).toISOString(),
        finishedAt: new Date(finishedAt).toISOString(),
        status,
        rollback,
      } as const;
      rows.push({ ...row, externalId: `gen:${p}:${n}`, stage: 'production' });
      // A staging deployment of the same version before it, now and then: DORA must
      // leave it out.
      if (random() < 0.5) {
        rows.push({
          ...row,
          externalId: `gen:${p}:${n}:staging`,
          stage: 'staging',
          startedAt: new Date(startedAt - 2 * HOUR).toISOString(),
          finishedAt: new Date(startedAt - HOUR).toISOString(),
          commitTime: new Date(
            Math.min(commitTime, startedAt - 2 * HOUR),
          ).toISOString(),
          status: random() < 0.2 ? 'failed' : 'succeeded',
          rollback: false,
        });
      }
      time = finishedAt;
    }
  });
  return rows;
}
