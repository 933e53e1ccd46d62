import { computeLevel, checksRequiredFor } from './levels';

const levels = [
  { id: 'bronze', title: 'Bronze', checks: ['a'] },
  { id: 'silver', title: 'Silver', checks: ['b'] },
  { id: 'gold', title: 'Gold', checks: ['c'] },
];

describe('computeLevel', () => {
  it('is the highest level whose checks and all lower checks are met', () => {
    const result = computeLevel(
      levels,
      new Map([
        ['a', 'pass'],
        ['b', 'exempt'],
        ['c', 'fail'],
      ]),
    );
    expect(result.level).toBe('silver');
    expect(result.levels.map(l => l.achieved)).toEqual([true, true, false]);
  });

  it('does not skip a failed lower level', () => {
    const result = computeLevel(
      levels,
      new Map([
        ['a', 'fail'],
        ['b', 'pass'],
        ['c', 'pass'],
      ]),
    );
    expect(result.level).toBeNull();
    expect(result.levels.map(l => l.achieved)).toEqual([false, false, false]);
  });

  it('counts not-applicable as met but a missing result or error as not met', () => {
    expect(
      computeLevel(
        levels,
        new Map([
          ['a', 'not-applicable'],
          ['b', 'error'],
        ]),
      ).level,
    ).toBe('bronze');
    expect(computeLevel(levels, new Map()).level).toBeNull();
  });
});

describe('checksRequiredFor', () => {
  it('includes every lower level', () => {
    expect(checksRequiredFor(levels, 'silver')).toEqual(['a', 'b']);
  });
});
