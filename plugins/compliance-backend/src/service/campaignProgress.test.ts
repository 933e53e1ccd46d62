import type { CheckStatus } from '@runway/plugin-compliance-common';
import { burnUpDays, computeBurnUp, computeStanding } from './campaignProgress';

/** A status change; `fromStatus` null is an older version's row for a first evaluation. */
const row = (
  entityRef: string,
  checkId: string,
  fromStatus: CheckStatus | null,
  status: CheckStatus,
  changedAt: string,
) => ({
  entityRef,
  checkId,
  fromStatus,
  status,
  changedAt: new Date(changedAt),
});

/** A current result; `since` only matters to the burn-up. */
const result = (
  entityRef: string,
  checkId: string,
  status: CheckStatus,
  since = '2026-10-01T00:00:00.000Z',
) => ({ entityRef, checkId, status, since: new Date(since) });

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
        result('component:default/a', 'x', 'pass'),
        result('component:default/a', 'y', 'exempt'),
        result('component:default/b', 'x', 'fail'),
        result('component:default/b', 'y', 'error'),
        result('component:default/c', 'x', 'not-applicable'),
        // d has no results: never evaluated for the campaign checks.
        result('component:default/e', 'x', 'fail'),
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
  const days = { first: new Date('2026-11-01T00:00:00.000Z'), count: 4 };
  const expected = [
    { date: '2026-11-01', done: 1, total: 2 },
    { date: '2026-11-02', done: 2, total: 2 },
    { date: '2026-11-03', done: 2, total: 3 },
    { date: '2026-11-04', done: 2, total: 3 },
  ];
  // The same story in both cases: a was evaluated before the campaign and meets it on day
  // 1; b is first evaluated on day 0 and done, regresses on day 2 and is fixed the same
  // day; c is first evaluated on day 2 and has a result for one campaign check only; z is
  // out of scope.
  const results = [
    result('component:default/a', 'x', 'pass', '2026-10-20T10:00:00.000Z'),
    result('component:default/a', 'y', 'pass', '2026-11-02T10:00:00.000Z'),
    result('component:default/b', 'x', 'pass', '2026-11-01T12:00:00.000Z'),
    result('component:default/b', 'y', 'exempt', '2026-11-03T18:00:00.000Z'),
    result('component:default/c', 'x', 'pass', '2026-11-03T09:00:00.000Z'),
    result('component:default/z', 'x', 'pass', '2026-11-01T09:00:00.000Z'),
    result('component:default/z', 'y', 'pass', '2026-11-01T09:00:00.000Z'),
  ];

  describe('with history of changes only and first evaluation times', () => {
    const scope = [
      {
        entityRef: 'component:default/a',
        firstEvaluatedAt: new Date('2026-10-20T10:00:00.000Z'),
      },
      {
        entityRef: 'component:default/b',
        firstEvaluatedAt: new Date('2026-11-01T12:00:00.000Z'),
      },
      {
        entityRef: 'component:default/c',
        firstEvaluatedAt: new Date('2026-11-03T09:00:00.000Z'),
      },
    ];
    const history = [
      row(
        'component:default/a',
        'y',
        'fail',
        'pass',
        '2026-11-02T10:00:00.000Z',
      ),
      row(
        'component:default/b',
        'y',
        'pass',
        'fail',
        '2026-11-03T08:00:00.000Z',
      ),
      row(
        'component:default/b',
        'y',
        'fail',
        'exempt',
        '2026-11-03T18:00:00.000Z',
      ),
    ];

    it('replays each entity from its first evaluation, day by day (end of day, UTC)', () => {
      expect(
        computeBurnUp({ scope, checkIds: ['x', 'y'], history, results, days }),
      ).toEqual(expected);
    });

    it('takes today from the current results', () => {
      const points = computeBurnUp({
        scope,
        checkIds: ['x', 'y'],
        history,
        results,
        days,
        today: { index: 3, done: 3, total: 3 },
      });
      expect(points[3]).toEqual({ date: '2026-11-04', done: 3, total: 3 });
      expect(points[2]).toEqual({ date: '2026-11-03', done: 2, total: 3 });
    });

    it('starts a never-changed check when its result was first stored', () => {
      // y was added to the configuration on day 2: a had no result for it before.
      const points = computeBurnUp({
        scope: [scope[0]],
        checkIds: ['x', 'y'],
        history: [],
        results: [
          result(
            'component:default/a',
            'x',
            'pass',
            '2026-10-20T10:00:00.000Z',
          ),
          result(
            'component:default/a',
            'y',
            'pass',
            '2026-11-03T01:00:00.000Z',
          ),
        ],
        days,
      });
      expect(points.map(p => [p.done, p.total])).toEqual([
        [0, 1],
        [0, 1],
        [1, 1],
        [1, 1],
      ]);
    });

    it('knows the status before a change that came after the last day', () => {
      // The campaign ended on day 1; b was fixed later, so it was failing throughout.
      const points = computeBurnUp({
        scope: [scope[1]],
        checkIds: ['y'],
        history: [
          row(
            'component:default/b',
            'y',
            'fail',
            'pass',
            '2026-11-20T00:00:00.000Z',
          ),
        ],
        results: [
          result(
            'component:default/b',
            'y',
            'pass',
            '2026-11-20T00:00:00.000Z',
          ),
        ],
        days: { first: days.first, count: 2 },
      });
      expect(points.map(p => [p.done, p.total])).toEqual([
        [0, 1],
        [0, 1],
      ]);
    });

    it('leaves out entities first evaluated after the last day', () => {
      const points = computeBurnUp({
        scope: [
          {
            entityRef: 'component:default/c',
            firstEvaluatedAt: new Date('2026-12-01T00:00:00.000Z'),
          },
        ],
        checkIds: ['x'],
        history: [],
        results: [result('component:default/c', 'x', 'pass')],
        days,
      });
      expect(points.every(p => p.total === 0 && p.done === 0)).toBe(true);
    });
  });

  it('replays history written by older versions, with a row for each first evaluation', () => {
    const scope = [
      { entityRef: 'component:default/a' },
      { entityRef: 'component:default/b' },
      { entityRef: 'component:default/c' },
    ];
    const history = [
      row('component:default/a', 'x', null, 'pass', '2026-10-20T10:00:00.000Z'),
      row('component:default/a', 'y', null, 'fail', '2026-10-20T10:00:00.000Z'),
      row(
        'component:default/a',
        'y',
        'fail',
        'pass',
        '2026-11-02T10:00:00.000Z',
      ),
      row('component:default/b', 'x', null, 'pass', '2026-11-01T12:00:00.000Z'),
      row('component:default/b', 'y', null, 'pass', '2026-11-01T12:00:00.000Z'),
      row(
        'component:default/b',
        'y',
        'pass',
        'fail',
        '2026-11-03T08:00:00.000Z',
      ),
      row(
        'component:default/b',
        'y',
        'fail',
        'exempt',
        '2026-11-03T18:00:00.000Z',
      ),
      row('component:default/c', 'x', null, 'pass', '2026-11-03T09:00:00.000Z'),
      row('component:default/z', 'x', null, 'pass', '2026-11-01T09:00:00.000Z'),
      row('component:default/z', 'y', null, 'pass', '2026-11-01T09:00:00.000Z'),
    ];
    expect(
      computeBurnUp({ scope, checkIds: ['x', 'y'], history, results, days }),
    ).toEqual(expected);
  });
});
