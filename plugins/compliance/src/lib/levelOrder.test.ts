import { levelColor, sortLevelIds } from './levelOrder';

describe('sortLevelIds', () => {
  it('puts the highest level first, levels an app adds after the known ones, and none last', () => {
    expect(
      sortLevelIds(['none', 'bronze', 'platinum', 'gold', 'silver', 'bronze']),
    ).toEqual(['gold', 'silver', 'bronze', 'platinum', 'none']);
  });
});

describe('levelColor', () => {
  it('uses the badge colours for the known levels and distinct ones for the others', () => {
    expect(levelColor('gold', 0)).toBe('#ffd54f');
    expect(levelColor('platinum', 0)).not.toBe(levelColor('diamond', 1));
  });
});
