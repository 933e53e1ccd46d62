import type { DoraRun } from '../database/DeploymentsStore';
import { computeDora } from './computeDora';

const HOUR = 3_600_000;
const t0 = Date.parse('2026-11-01T00:00:00Z');
const window = { from: new Date(t0), to: new Date(t0 + 10 * 24 * HOUR) };

let ids = 0;
function run(
  entity: string,
  finishedHour: number,
  extra: Partial<DoraRun> = {},
): DoraRun {
  ids += 1;
  return {
    id: `run-${String(ids).padStart(3, '0')}`,
    entityRef: `component:default/${entity}`,
    status: 'succeeded',
    rollback: false,
    commitTime: t0 + (finishedHour - 10) * HOUR,
    finishedAt: t0 + finishedHour * HOUR,
    ...extra,
  };
}

describe('computeDora', () => {
  it('follows the definitions on a small history', () => {
    const inWindow = [
      // shop: lead times 10 h and 30 h; the second is rolled back 2 h later by a
      // successful rollback (no lead time of its own); then a failure restored 5 h later.
      run('shop', 20),
      run('shop', 40, { commitTime: t0 + 10 * HOUR }),
      run('shop', 42, { rollback: true }),
      run('shop', 100, { status: 'failed' }),
      run('shop', 105),
      // cart: its last deployment in the window fails; the restore is after the window.
      run('cart', 50),
      run('cart', 230, { status: 'failed' }),
    ];
    const after = [run('cart', 250, { status: 'failed' }), run('cart', 251)];

    const dora = computeDora({ inWindow, after }, window);

    expect(dora.counts).toEqual({
      productionDeployments: 7,
      successful: 5,
      failed: 2,
      rolledBack: 1,
      changeFailures: 3,
      restored: 3,
      leadTimeSamples: 4,
    });
    expect(dora.deploymentFrequency).toEqual({ perDay: 0.5, band: 'high' });
    // Lead times 10, 30, 10, 10 h: median 10.
    expect(dora.leadTimeForChanges).toEqual({ medianHours: 10, band: 'elite' });
    expect(dora.changeFailureRate).toEqual({ ratio: 0.4286, band: 'low' });
    // Restores: 2 h (rollback), 5 h, 21 h (after the window): median 5.
    expect(dora.timeToRestore).toEqual({ medianHours: 5, band: 'high' });
    expect(dora.window).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-11T00:00:00.000Z',
      days: 10,
    });
  });

  it('counts a success as a change failure when the next deployment is a rollback that failed', () => {
    const dora = computeDora(
      {
        inWindow: [
          run('shop', 10),
          run('shop', 12, { status: 'failed', rollback: true }),
        ],
        after: [],
      },
      window,
    );
    expect(dora.counts).toMatchObject({
      rolledBack: 1,
      changeFailures: 2,
      restored: 0,
    });
    expect(dora.timeToRestore).toEqual({ medianHours: null, band: null });
  });

  it('looks for the next deployment in finish order, not in the order given', () => {
    const first = run('shop', 10);
    const rollback = run('shop', 11, { rollback: true });
    const dora = computeDora(
      { inWindow: [rollback, first], after: [] },
      window,
    );
    expect(dora.counts.rolledBack).toBe(1);
  });

  it('has no figures and no bands without production deployments', () => {
    const dora = computeDora(
      { inWindow: [], after: [run('shop', 300)] },
      window,
    );
    expect(dora.counts.productionDeployments).toBe(0);
    expect(dora.deploymentFrequency).toEqual({ perDay: 0, band: null });
    expect(dora.leadTimeForChanges).toEqual({ medianHours: null, band: null });
    expect(dora.changeFailureRate).toEqual({ ratio: null, band: null });
    expect(dora.timeToRestore).toEqual({ medianHours: null, band: null });
  });
});
