import type { CheckStatus } from '@runway/plugin-compliance-common';
import { burnUpDays, computeBurnUp, computeStanding } from './campaignProgress';

const row = (
  entityRef: string,
  checkId: string,
  status: CheckStatus,
  changedAt: string,
) => ({ entityRef, checkId, status, changedAt: new Date(changedAt) });

describe('computeStanding', () => {
  it('counts an entity as done when every campaign check passes, is exempt or does not apply', () => {
    const standing = computeStanding(
      [
        { entityRef: 'component:default/a', ownerRef: 'group:default/t' },
        { entityRef: 'component:default/b' },
        { entityRef: 'component:default/c', ownerRef: 'group:default/t' },
        { entityRef: 'component:default/d' },
      ],
      ['x', 'y'],
      [
        { entityRef: 'component:default/a', checkId: 'x', status: 'pass' },
        { entityRef: 'component:default/a', checkId: 'y', status: 'exempt' },
        { entityRef: 'component:default/b', checkId: 'x', status: 'fail' },
        { entityRef: 'component:default/b', checkId: 'y', status: 'error' },
        {
          entityRef: 'component:default/c',
          checkId: 'x',
          status: 'not-applicable',
        },
        // d has no results: never evaluated for the campaign checks.
        { entityRef: 'component:default/e', checkId: 'x', status: 'fail' },
      ],
    );

    expect(standing).toEqual({
      entityCount: 4,
      doneCount: 1,
      percentDone: 25,
      unmet: [
        { entityRef: 'component:default/b', failing: ['x', 'y'] },
        { entityRef: 'component:default/d', failing: ['x', 'y'] },
        {
          entityRef: 'component:default/c',
          ownerRef: 'group:default/t',
          failing: ['y'],
        },
      ],
    });
  });

  it('calls an empty scope 100% done', () => {
    expect(computeStanding([], ['x'], []).percentDone).toBe(100);
  });
});

describe('burnUpDays', () => {
  const createdAt = '2026-11-01T15:00:00.000Z';

  it('runs from the start day to today while the deadline is ahead', () => {
    const days = burnUpDays({
      createdAt,
      deadline: '2026-12-01T00:00:00.000Z',
      now: new Date('2026-11-04T08:00:00.000Z'),
    });
    expect(days.first.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(days.last.toISOString()).toBe('2026-11-04T00:00:00.000Z');
    expect(days.count).toBe(4);
  });

  it('stops at the deadline or the end, whichever is first', () => {
    const now = new Date('2026-12-20T00:00:00.000Z');
    expect(
      burnUpDays({ createdAt, deadline: '2026-11-10T12:00:00.000Z', now })
        .count,
    ).toBe(10);
    expect(
      burnUpDays({
        createdAt,
        deadline: '2026-11-10T12:00:00.000Z',
        endedAt: '2026-11-05T12:00:00.000Z',
        now,
      }).count,
    ).toBe(5);
  });
});

describe('computeBurnUp', () => {
  const scope = [
    { entityRef: 'component:default/a' },
    { entityRef: 'component:default/b' },
    { entityRef: 'component:default/c' },
  ];
  const days = { first: new Date('2026-11-01T00:00:00.000Z'), count: 4 };
  const history = [
    // a: evaluated before the campaign, meets it on day 1.
    row('component:default/a', 'x', 'pass', '2026-10-20T10:00:00.000Z'),
    row('component:default/a', 'y', 'fail', '2026-10-20T10:00:00.000Z'),
    row('component:default/a', 'y', 'pass', '2026-11-02T10:00:00.000Z'),
    // b: first evaluated on day 0 and done; regresses on day 2, fixed the same day.
    row('component:default/b', 'x', 'pass', '2026-11-01T12:00:00.000Z'),
    row('component:default/b', 'y', 'pass', '2026-11-01T12:00:00.000Z'),
    row('component:default/b', 'y', 'fail', '2026-11-03T08:00:00.000Z'),
    row('component:default/b', 'y', 'exempt', '2026-11-03T18:00:00.000Z'),
    // c: first evaluated on day 2, only one campaign check so far.
    row('component:default/c', 'x', 'pass', '2026-11-03T09:00:00.000Z'),
    // Out of scope.
    row('component:default/z', 'x', 'pass', '2026-11-01T09:00:00.000Z'),
    row('component:default/z', 'y', 'pass', '2026-11-01T09:00:00.000Z'),
  ];

  it('replays the status history day by day (end-of-day state, UTC)', () => {
    expect(
      computeBurnUp({ scope, checkIds: ['x', 'y'], history, days }),
    ).toEqual([
      { date: '2026-11-01', done: 1, total: 2 },
      { date: '2026-11-02', done: 2, total: 2 },
      { date: '2026-11-03', done: 2, total: 3 },
      { date: '2026-11-04', done: 2, total: 3 },
    ]);
  });

  it('takes today from the current results', () => {
    const points = computeBurnUp({
      scope,
      checkIds: ['x', 'y'],
      history,
      days,
      today: { index: 3, done: 3, total: 3 },
    });
    expect(points[3]).toEqual({ date: '2026-11-04', done: 3, total: 3 });
    expect(points[2]).toEqual({ date: '2026-11-03', done: 2, total: 3 });
  });
});
