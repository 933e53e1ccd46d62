import type { LevelChange } from '../database/ReportStore';
import { replayLevelTrend, trendWindow } from './levelTrend';

const at = (iso: string) => new Date(iso);
const change = (
  entityRef: string,
  level: string | null,
  changedAt: string,
  extra: Partial<LevelChange> = {},
): LevelChange => ({
  entityRef,
  ownerRef: 'group:default/team-a',
  level,
  removed: false,
  changedAt: at(changedAt),
  ...extra,
});

describe('trendWindow', () => {
  it('covers whole UTC days, today last', () => {
    expect(trendWindow(at('2026-11-25T15:30:00Z'), 3)).toEqual({
      from: at('2026-11-23T00:00:00Z'),
      until: at('2026-11-26T00:00:00Z'),
    });
  });
});

describe('replayLevelTrend', () => {
  const from = at('2026-11-01T00:00:00Z');

  it('gives the distribution at the end of each day', () => {
    const points = replayLevelTrend({
      initial: [change('a', null, '2026-10-01T00:00:00Z')],
      changes: [
        change('b', 'bronze', '2026-11-01T09:00:00Z'),
        change('a', 'bronze', '2026-11-02T10:00:00Z'),
        // Later the same day: the end of the day counts.
        change('a', 'silver', '2026-11-02T18:00:00Z'),
        change('b', null, '2026-11-03T23:59:59Z', { removed: true }),
      ],
      from,
      days: 4,
      levelIds: ['bronze', 'silver'],
    });
    expect(points).toEqual([
      { date: '2026-11-01', levels: { none: 1, bronze: 1, silver: 0 } },
      { date: '2026-11-02', levels: { none: 0, bronze: 1, silver: 1 } },
      { date: '2026-11-03', levels: { none: 0, bronze: 0, silver: 1 } },
      { date: '2026-11-04', levels: { none: 0, bronze: 0, silver: 1 } },
    ]);
  });

  it('counts an entity only on the days its owner is in scope', () => {
    const points = replayLevelTrend({
      initial: [change('a', 'gold', '2026-10-01T00:00:00Z')],
      changes: [
        change('a', 'gold', '2026-11-02T10:00:00Z', {
          ownerRef: 'group:default/team-b',
        }),
        change('a', 'gold', '2026-11-03T10:00:00Z'),
      ],
      from,
      days: 3,
      levelIds: ['gold'],
      ownerRefs: new Set(['group:default/team-a']),
    });
    expect(points.map(p => p.levels.gold)).toEqual([1, 0, 1]);
  });

  it('counts a level that is no longer configured under its id', () => {
    const [point] = replayLevelTrend({
      initial: [change('a', 'platinum', '2026-10-01T00:00:00Z')],
      changes: [],
      from,
      days: 1,
      levelIds: ['bronze'],
    });
    expect(point.levels).toEqual({ none: 0, bronze: 0, platinum: 1 });
  });
});
