/*
 * Compliance benchmark (not part of the test command): `yarn bench:compliance`.
 *
 * Loads a generated organisation of 10,000 entities into a real catalog (catalog-backend on
 * PostgreSQL when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set, else SQLite),
 * then times the compliance sweep and API operations against the time it takes to merely
 * read every entity from the catalog API in the same run. Prints ratios; asserts only that
 * the failures found equal the defects planted.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { CatalogClient } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { PerformanceObserver } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readComplianceConfig } from '../../../plugins/compliance-backend/src/config';
import { ConfigReader } from '@backstage/config';
import { builtinChecks } from '../../../plugins/compliance-backend/src/checks/builtin';
import { DatabaseComplianceStore } from '../../../plugins/compliance-backend/src/database/DatabaseComplianceStore';
import { migrateDatabase } from '../../../plugins/compliance-backend/src/database/migrateDatabase';
import { CatalogIndexProvider } from '../../../plugins/compliance-backend/src/service/CatalogIndexProvider';
import { ComplianceEvaluator } from '../../../plugins/compliance-backend/src/service/ComplianceEvaluator';
import { ComplianceService } from '../../../plugins/compliance-backend/src/service/ComplianceService';
import { generateOrg } from './generateOrg';

jest.setTimeout(60 * 60_000);

const databases = TestDatabases.create({
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
    ? ['POSTGRES_15']
    : ['SQLITE_3'],
});

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

const median = (values: number[]) => percentile(values, 50);

/** Runs `fn` under the V8 CPU profiler and returns the profile. */
async function cpuProfile(fn: () => Promise<unknown>): Promise<object> {
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  let profile: object = {};
  try {
    await fn();
  } finally {
    const stopped = await post('Profiler.stop');
    session.disconnect();
    profile = stopped.profile;
  }
  return profile;
}

it('benchmarks compliance on 10,000 entities', async () => {
  const [databaseId] = databases.eachSupportedId();
  const org = generateOrg();
  const dir = mkdtempSync(join(tmpdir(), 'runway-bench-'));
  const file = join(dir, 'org.yaml');
  writeFileSync(file, org.entities.map(e => stringify(e)).join('---\n'));

  const catalogKnex = await databases.init(databaseId[0]);
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      mockServices.database.factory({ knex: catalogKnex }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [
              { allow: ['Component', 'System', 'Group', 'User', 'Location'] },
            ],
            locations: [{ type: 'file', target: file }],
          },
        },
      }),
    ],
  });
  const port = (backend.server.address() as { port: number }).port;
  const token = mockCredentials.service.token();
  const client = new CatalogClient({
    discoveryApi: {
      getBaseUrl: async () => `http://localhost:${port}/api/catalog`,
    },
  });
  const catalog = {
    queryEntities: (request: any) => client.queryEntities(request, { token }),
    getEntityByRef: (ref: string) => client.getEntityByRef(ref, { token }),
  } as unknown as CatalogService;

  // Wait for the catalog to have processed every entity (with relations).
  const loadStart = Date.now();
  for (;;) {
    const { totalItems } = await client.queryEntities({ limit: 1 }, { token });
    const last = await client.getEntityByRef(org.componentRefs.at(-1)!, {
      token,
    });
    if (totalItems >= org.entities.length && last?.relations?.length) break;
    await new Promise(r => setTimeout(r, 2000));
  }
  const catalogLoadSeconds = (Date.now() - loadStart) / 1000;

  const storeKnex = await databases.init(databaseId[0]);
  await migrateDatabase(storeKnex);
  const config = readComplianceConfig(
    new ConfigReader({
      compliance: {
        // No TechDocs in this benchmark: documentation is not what it measures.
        checks: [
          { id: 'docs.techdocs-present', options: { kinds: ['NotMeasured'] } },
        ],
      },
    }),
  );
  const checkServices = {
    readUrl: async () => undefined,
    readFileBesideLocation: async () => undefined,
    isTechDocsPublished: async () => false,
  };
  const indexProvider = new CatalogIndexProvider(
    catalog,
    mockServices.auth(),
    10 * 60_000,
  );
  const store = new DatabaseComplianceStore(storeKnex);
  const evaluator = new ComplianceEvaluator({
    checks: builtinChecks().map(check => ({
      check,
      source: 'builtin' as const,
    })),
    externalChecks: [],
    levels: config.levels,
    kinds: config.kinds,
    checkOptions: { 'docs.techdocs-present': { kinds: ['NotMeasured'] } },
    services: checkServices,
  });
  const service = new ComplianceService({
    store,
    evaluator,
    catalogIndex: indexProvider,
    config,
    checkServices,
    logger: mockServices.logger.mock(),
  });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);

  // Baseline: read every entity from the catalog API, as the sweep does. The machine is
  // shared and noisy, so each sweep is compared with reads right next to it: the first
  // sweep with the reads just before and after it, each steady-state sweep with the read
  // just before it; the ratio reported is the median of those per-pair ratios.
  const readCatalog = async () =>
    (
      await timed(async () => {
        let cursor: string | undefined;
        let count = 0;
        do {
          const page = await client.queryEntities(
            cursor ? { cursor, limit: 1000 } : { limit: 1000 },
            { token },
          );
          count += page.items.length;
          cursor = page.pageInfo.nextCursor;
        } while (cursor);
        return count;
      })
    )[0];
  const reads: number[] = [];
  for (let i = 0; i < 3; i++) reads.push(await readCatalog()); // warm-up
  const readBefore = await readCatalog();
  const [firstSweep, first] = await timed(() => service.sweep());
  const readAfter = await readCatalog();
  reads.push(readBefore, readAfter);
  const firstSweepRatio = firstSweep / ((readBefore + readAfter) / 2);

  // Garbage collection pauses during each steady-state sweep (part of its phases' time).
  let gcMs = 0;
  const gcObserver = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const steady: number[] = [];
  const steadyRatios: number[] = [];
  const steadyPhases: Array<Record<string, number>> = [];
  for (let i = 0; i < 5; i++) {
    const read = await readCatalog();
    await new Promise(resolve => setImmediate(resolve));
    const gcBefore = gcMs;
    const [ms, result] = await timed(() => service.sweep());
    // GC entries arrive after the pause they measure.
    await new Promise(resolve => setImmediate(resolve));
    expect(result.changes).toBe(0);
    steadyPhases.push({
      ...result.durationsMs,
      gc: Math.round(gcMs - gcBefore),
    });
    reads.push(read);
    steady.push(ms);
    steadyRatios.push(ms / read);
  }
  gcObserver.disconnect();
  const catalogRead = median(reads);

  // COMPLIANCE_BENCH_CPU_PROFILE=<file>: a CPU profile of one more steady-state sweep, to
  // open in Chrome DevTools or any .cpuprofile viewer.
  const profilePath = process.env.COMPLIANCE_BENCH_CPU_PROFILE;
  if (profilePath) {
    writeFileSync(
      profilePath,
      JSON.stringify(await cpuProfile(() => service.sweep())),
    );
  }

  // Where a steady-state sweep spends its time: the median of each phase the sweeps report.
  const steadyBreakdown = Object.fromEntries(
    Object.keys(steadyPhases[0]).map(phase => [
      phase,
      median(steadyPhases.map(p => p[phase])),
    ]),
  );

  const evaluations: number[] = [];
  for (let i = 0; i < 200; i++) {
    const ref = org.componentRefs[(i * 7919) % org.componentRefs.length];
    evaluations.push((await timed(() => service.evaluate(ref)))[0]);
  }
  const rollups: number[] = [];
  for (let i = 0; i < 50; i++) {
    rollups.push(
      (await timed(() => service.rollup({ ownerRef: 'group:default/org' })))[0],
    );
  }
  const orgWide: number[] = [];
  for (let i = 0; i < 50; i++) {
    orgWide.push((await timed(() => service.rollup({})))[0]);
  }
  clearInterval(sampler);

  const rollup = await service.rollup({});
  const failures = Object.fromEntries(
    Object.entries(rollup.checks)
      .map(([checkId, counts]) => [checkId, counts.fail ?? 0])
      .filter(([, fail]) => fail),
  );

  const report = {
    database: databaseId,
    entities: org.entities.length,
    evaluated: first.entities,
    catalogLoadSeconds,
    catalogReadMs: catalogRead,
    firstSweepMs: firstSweep,
    steadySweepMs: median(steady),
    firstSweepBreakdownMs: first.durationsMs,
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
    },
    failures,
    expectedFailures: org.expectedFailures,
  };
  // eslint-disable-next-line no-console
  console.log(`compliance benchmark\n${JSON.stringify(report, null, 2)}`);

  expect(failures).toEqual(org.expectedFailures);
  await backend.stop();
});
