/*
 * Compliance benchmark (not part of the test command): `yarn bench:compliance`.
 *
 * Loads a generated organisation of 10,000 entities into a real catalog (catalog-backend on
 * PostgreSQL when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set, else SQLite)
 * beside the compliance plugin, both installed as a host backend installs them, then times
 * the plugin's scheduled sweep and its HTTP API against the time it takes to merely read
 * every entity from the catalog API in the same run. It uses only what a user of the
 * packages has: the plugins' default exports, their HTTP APIs and typed clients, the
 * scheduled task and the plugin's log. Prints ratios; asserts only that the failures found
 * equal the defects planted and that a steady sweep changes nothing.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOrg } from './generateOrg';
import { layOutOrg } from './layOutOrg';
import {
  cpuProfile,
  median,
  observeGc,
  percentile,
  sampleRss,
  timed,
} from './measure';
import { type BenchBackend, startBenchBackend } from './startBenchBackend';

jest.setTimeout(60 * 60_000);

const databases = TestDatabases.create({
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
    ? ['POSTGRES_15']
    : ['SQLITE_3'],
});

/** How long the catalog may take to ingest the organisation before the benchmark gives up. */
const CATALOG_LOAD_TIMEOUT_MS = 30 * 60_000;

/** Reads every entity from the catalog API, a page of 1,000 at a time, as the sweep does. */
async function readCatalog(backend: BenchBackend) {
  const entities = [];
  let cursor: string | undefined;
  do {
    const page = await backend.catalog.queryEntities(
      cursor ? { cursor, limit: 1000 } : { limit: 1000 },
      { token: backend.serviceToken },
    );
    entities.push(...page.items);
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return entities;
}

/**
 * Waits until the catalog holds every entity with its relations and has stopped changing
 * them (the etags of two reads a few seconds apart agree), so that the first sweep sees the
 * whole organisation and the steady sweeps see no change.
 */
async function waitForCatalog(backend: BenchBackend, expected: number) {
  const deadline = Date.now() + CATALOG_LOAD_TIMEOUT_MS;
  let previous = '';
  for (;;) {
    const entities = await readCatalog(backend);
    const complete =
      entities.length >= expected &&
      entities.every(e => e.kind === 'Location' || e.relations?.length);
    const etags = entities
      .map(e => `${e.metadata.uid}:${e.metadata.etag}`)
      .sort()
      .join();
    if (complete && etags === previous) return;
    previous = complete ? etags : '';
    if (Date.now() > deadline) {
      throw new Error(
        `The catalog holds ${entities.length} of ${expected} entities after ${
          CATALOG_LOAD_TIMEOUT_MS / 60_000
        } minutes; plugins logged: ${JSON.stringify(
          backend.problems().slice(0, 20),
        )}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 5000));
  }
}

it('benchmarks compliance on 10,000 entities', async () => {
  const [databaseId] = databases.eachSupportedId();
  const org = generateOrg();
  const { rootFile, locationEntities } = layOutOrg(
    org.entities,
    mkdtempSync(join(tmpdir(), 'runway-bench-')),
  );

  const backend = await startBenchBackend({
    databases,
    databaseId: databaseId[0],
    catalogFile: rootFile,
  });
  const loadStart = Date.now();
  await waitForCatalog(backend, org.entities.length + locationEntities);
  const catalogLoadSeconds = (Date.now() - loadStart) / 1000;

  const rss = sampleRss();

  // Baseline: read every entity from the catalog API, as the sweep does. The machine is
  // shared and noisy, so each sweep is compared with reads right next to it: the first
  // sweep with the reads just before and after it, each steady-state sweep with the read
  // just before it; the ratio reported is the median of those per-pair ratios.
  const timedRead = async () => (await timed(() => readCatalog(backend)))[0];
  const reads: number[] = [];
  for (let i = 0; i < 3; i++) reads.push(await timedRead()); // warm-up
  const readBefore = await timedRead();
  const first = await backend.runSweep();
  const readAfter = await timedRead();
  reads.push(readBefore, readAfter);
  const firstSweepRatio = first.ms / ((readBefore + readAfter) / 2);

  // Garbage collection pauses during each steady-state sweep (part of its phases' time).
  const gc = observeGc();
  const steady: number[] = [];
  const steadyRatios: number[] = [];
  const steadyPhases: Array<Record<string, number>> = [];
  for (let i = 0; i < 5; i++) {
    const read = await timedRead();
    const [gcMs, sweep] = await gc.during(() => backend.runSweep());
    expect(sweep.log.changes).toBe(0);
    expect(sweep.log.entities).toBe(first.log.entities);
    steadyPhases.push({ ...sweep.log.phasesMs, gc: Math.round(gcMs) });
    reads.push(read);
    steady.push(sweep.ms);
    steadyRatios.push(sweep.ms / read);
  }
  gc.stop();
  const catalogRead = median(reads);

  // COMPLIANCE_BENCH_CPU_PROFILE=<file>: a CPU profile of one more steady-state sweep, to
  // open in Chrome DevTools or any .cpuprofile viewer.
  const profilePath = process.env.COMPLIANCE_BENCH_CPU_PROFILE;
  if (profilePath) {
    writeFileSync(
      profilePath,
      JSON.stringify(await cpuProfile(() => backend.runSweep())),
    );
  }

  // Where a steady-state sweep spends its time: the median of each phase the sweeps log.
  const steadyBreakdown = Object.fromEntries(
    Object.keys(steadyPhases[0]).map(phase => [
      phase,
      median(steadyPhases.map(p => p[phase])),
    ]),
  );

  // Single-entity re-evaluation and rollups through the HTTP API, as the UI calls them.
  const options = { token: backend.userToken };
  await backend.compliance.evaluate(org.componentRefs[0], options); // warm-up
  const evaluations: number[] = [];
  for (let i = 0; i < 200; i++) {
    const ref = org.componentRefs[(i * 7919) % org.componentRefs.length];
    evaluations.push(
      (await timed(() => backend.compliance.evaluate(ref, options)))[0],
    );
  }
  const rollups: number[] = [];
  for (let i = 0; i < 50; i++) {
    rollups.push(
      (
        await timed(() =>
          backend.compliance.getRollup(
            { ownerRef: 'group:default/org' },
            options,
          ),
        )
      )[0],
    );
  }
  const orgWide: number[] = [];
  for (let i = 0; i < 50; i++) {
    orgWide.push(
      (await timed(() => backend.compliance.getRollup({}, options)))[0],
    );
  }
  const peakRss = rss.stop();

  const rollup = await backend.compliance.getRollup({}, options);
  const failures = Object.fromEntries(
    Object.entries(rollup.checks)
      .map(([checkId, counts]) => [checkId, counts.fail ?? 0])
      .filter(([, fail]) => fail),
  );

  const report = {
    database: databaseId,
    entities: org.entities.length,
    evaluated: first.log.entities,
    catalogLoadSeconds,
    catalogReadMs: catalogRead,
    firstSweepMs: first.ms,
    steadySweepMs: median(steady),
    firstSweepBreakdownMs: first.log.phasesMs,
    steadySweepBreakdownMs: steadyBreakdown,
    evaluateP95Ms: percentile(evaluations, 95),
    rollupOrgRootP95Ms: percentile(rollups, 95),
    rollupAllP95Ms: percentile(orgWide, 95),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    ratios: {
      firstSweep: +firstSweepRatio.toFixed(2),
      steadySweep: +median(steadyRatios).toFixed(2),
      steadySweepRange: [
        +Math.min(...steadyRatios).toFixed(2),
        +Math.max(...steadyRatios).toFixed(2),
      ],
      evaluateP95: +(percentile(evaluations, 95) / catalogRead).toFixed(3),
      rollupOrgRootP95: +(percentile(rollups, 95) / catalogRead).toFixed(3),
      rollupAllP95: +(percentile(orgWide, 95) / catalogRead).toFixed(3),
    },
    failures,
    expectedFailures: org.expectedFailures,
    // Scheduled but never run: only the sweep runs, when it is measured.
    tasksNotRun: backend.scheduledTasks.filter(
      task => task !== 'compliance/compliance-sweep',
    ),
    problemsLogged: backend.problems().slice(0, 20),
  };
  // eslint-disable-next-line no-console
  console.log(`compliance benchmark\n${JSON.stringify(report, null, 2)}`);

  expect(failures).toEqual(org.expectedFailures);
  // Nothing but the measured sweeps evaluated the organisation.
  expect(backend.triggeredTasks).toEqual([]);
  await backend.stop();
});
