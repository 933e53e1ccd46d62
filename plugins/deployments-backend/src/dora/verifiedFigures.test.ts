// "Verified figures": a year of generated history goes in through the import route, and
// the figures GET /metrics/dora answers must equal (to rounding) figures computed here,
// independently, from the same rows, by the definitions as written in the issue and in
// DORA_DEFINITIONS. The code below is deliberately plain (no sharing with the
// implementation, no SQL) so that it can be checked against the sentences by reading it.
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  doraBand,
  type DoraMetrics,
  type ImportedDeployment,
} from '@runway/plugin-deployments-common';
import type { Express } from 'express';
import request from 'supertest';
import { createTestRouter } from '../__testUtils__/createTestRouter';
import { component, group, system } from '../__testUtils__/entities';
import { ALICE, assertStatus } from '../__testUtils__/fixtures';
import { generateHistory } from '../__testUtils__/generateHistory';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ENTITIES = [
  group('platform'),
  group('payments', 'platform'),
  group('payments-core', 'payments'),
  group('frontend', 'platform'),
  system('money', 'payments'),
  component('pay-api', 'payments', 'money'),
  component('pay-worker', 'payments-core', 'money'),
  component('ledger', 'payments-core'),
  component('web', 'frontend'),
  component('search', 'frontend'),
];

const ref = (name: string) => `component:default/${name}`;
const HISTORY = generateHistory({
  seed: 20261201,
  from: '2025-11-01T00:00:00Z',
  to: '2026-11-01T00:00:00Z',
  profiles: [
    {
      entityRef: ref('pay-api'),
      perDay: 2.5,
      failureRate: 0.08,
      rollbackRate: 0.05,
    },
    {
      entityRef: ref('pay-worker'),
      perDay: 0.7,
      failureRate: 0.15,
      rollbackRate: 0.1,
    },
    {
      entityRef: ref('ledger'),
      perDay: 0.1,
      failureRate: 0.3,
      rollbackRate: 0.2,
    },
    { entityRef: ref('web'), perDay: 4, failureRate: 0.03, rollbackRate: 0.02 },
    {
      entityRef: ref('search'),
      perDay: 0.4,
      failureRate: 0.12,
      rollbackRate: 0.08,
    },
  ],
});

// ---- The definitions, computed independently --------------------------------------------

const finish = (row: ImportedDeployment) => Date.parse(row.finishedAt);

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 === 1
    ? sorted[(n - 1) / 2]
    : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

function expectedFigures(componentRefs: string[], from: string, to: string) {
  const start = Date.parse(from);
  const end = Date.parse(to);
  // Production deployments: finished runs (succeeded or failed) of the production stage.
  const production = HISTORY.filter(
    row =>
      row.stage === 'production' &&
      componentRefs.includes(row.entityRef) &&
      (row.status === 'succeeded' || row.status === 'failed'),
  );
  const inWindow = production.filter(
    row => finish(row) >= start && finish(row) < end,
  );
  // Each component's production deployments in finish order, to find "the next" one.
  const ofComponent = new Map<string, ImportedDeployment[]>();
  for (const row of production) {
    ofComponent.set(row.entityRef, [
      ...(ofComponent.get(row.entityRef) ?? []),
      row,
    ]);
  }
  for (const list of ofComponent.values())
    list.sort((a, b) => finish(a) - finish(b));
  const later = (row: ImportedDeployment) => {
    const list = ofComponent.get(row.entityRef)!;
    return list.slice(list.indexOf(row) + 1);
  };
  const next = (row: ImportedDeployment) => later(row)[0];
  const nextSuccessful = (row: ImportedDeployment) =>
    later(row).find(other => other.status === 'succeeded');

  const successful = inWindow.filter(row => row.status === 'succeeded');
  const failed = inWindow.filter(row => row.status === 'failed');
  const rolledBack = successful.filter(row => next(row)?.rollback === true);
  const failures = [...failed, ...rolledBack];
  const leadTimes = successful
    .filter(row => !row.rollback)
    .map(row => finish(row) - Date.parse(row.commitTime));
  const restoreTimes = failures.flatMap(row => {
    const restore = nextSuccessful(row);
    return restore ? [finish(restore) - finish(row)] : [];
  });
  const leadTime = median(leadTimes);
  const restore = median(restoreTimes);
  return {
    counts: {
      productionDeployments: inWindow.length,
      successful: successful.length,
      failed: failed.length,
      rolledBack: rolledBack.length,
      changeFailures: failures.length,
      restored: restoreTimes.length,
      leadTimeSamples: leadTimes.length,
    },
    deploymentFrequencyPerDay: successful.length / ((end - start) / DAY),
    leadTimeHours: leadTime === null ? null : leadTime / HOUR,
    changeFailureRate: inWindow.length
      ? failures.length / inWindow.length
      : null,
    timeToRestoreHours: restore === null ? null : restore / HOUR,
  };
}

// ---------------------------------------------------------------------------------------

function expectClose(actual: number | null, expected: number | null) {
  if (expected === null) {
    expect(actual).toBeNull();
  } else {
    expect(actual).toBeCloseTo(expected, 2);
  }
}

function expectSameFigures(
  actual: DoraMetrics,
  expected: ReturnType<typeof expectedFigures>,
) {
  expect(actual.counts).toEqual(expected.counts);
  expectClose(
    actual.deploymentFrequency.perDay,
    expected.deploymentFrequencyPerDay,
  );
  expectClose(actual.leadTimeForChanges.medianHours, expected.leadTimeHours);
  expectClose(actual.changeFailureRate.ratio, expected.changeFailureRate);
  expectClose(actual.timeToRestore.medianHours, expected.timeToRestoreHours);
  expect(actual.leadTimeForChanges.band).toBe(
    doraBand('leadTimeForChanges', expected.leadTimeHours),
  );
  expect(actual.changeFailureRate.band).toBe(
    doraBand('changeFailureRate', expected.changeFailureRate),
  );
  expect(actual.timeToRestore.band).toBe(
    doraBand('timeToRestore', expected.timeToRestoreHours),
  );
  expect(actual.deploymentFrequency.band).toBe(
    expected.counts.productionDeployments
      ? doraBand('deploymentFrequency', expected.deploymentFrequencyPerDay)
      : null,
  );
}

const WINDOWS = [
  // The whole year.
  ['2025-11-01T00:00:00Z', '2026-11-01T00:00:00Z'],
  // A quarter: "next" deployments fall after its end.
  ['2026-02-01T00:00:00Z', '2026-05-01T00:00:00Z'],
  // A week with an offset time zone, in the middle.
  ['2026-06-10T09:30:00+02:00', '2026-06-17T09:30:00+02:00'],
];

const SCOPES: Array<[string, string, string[]]> = [
  ...['pay-api', 'pay-worker', 'ledger', 'web', 'search'].map(
    name =>
      [name, `entityRef=${name}`, [ref(name)]] as [string, string, string[]],
  ),
  [
    'the money system',
    'entityRef=system:default/money',
    [ref('pay-api'), ref('pay-worker')],
  ],
  [
    'payments with its sub-team',
    'ownerRef=payments',
    [ref('pay-api'), ref('pay-worker'), ref('ledger')],
  ],
  ['the organisation', '', ENTITIES.map(e => ref(e.metadata.name))],
];

describe.each(databases.eachSupportedId())(
  'verified DORA figures on %p',
  id => {
    let app: Express;

    beforeAll(async () => {
      ({ app } = await createTestRouter({
        databases,
        databaseId: id,
        entities: ENTITIES,
      }));
      for (let i = 0; i < HISTORY.length; i += 2000) {
        const res = await request(app)
          .post('/history/import')
          .set('Authorization', ALICE)
          .send({ deployments: HISTORY.slice(i, i + 2000) });
        assertStatus(res, 200);
      }
    });

    it('imported a year of history with every case the definitions name', () => {
      const production = HISTORY.filter(row => row.stage === 'production');
      expect(production.length).toBeGreaterThan(2500);
      expect(
        production.filter(row => row.status === 'failed').length,
      ).toBeGreaterThan(50);
      expect(production.filter(row => row.rollback).length).toBeGreaterThan(20);
      expect(HISTORY.some(row => row.stage === 'staging')).toBe(true);
    });

    describe.each(WINDOWS)('from %s to %s', (from, to) => {
      it.each(SCOPES)(
        'equal the definitions for %s',
        async (_name, scope, refs) => {
          const res = await request(app)
            .get(
              `/metrics/dora?${scope}&from=${encodeURIComponent(
                from,
              )}&to=${encodeURIComponent(to)}`,
            )
            .set('Authorization', ALICE);
          expect(res.status).toBe(200);
          expectSameFigures(res.body, expectedFigures(refs, from, to));
        },
      );
    });
  },
);
