import { DORA_BANDS, doraBand } from './dora';

describe('doraBand', () => {
  it('puts each bound in the better band', () => {
    expect(doraBand('deploymentFrequency', 1)).toBe('elite');
    expect(doraBand('deploymentFrequency', 0.99)).toBe('high');
    expect(doraBand('deploymentFrequency', 1 / 7)).toBe('high');
    expect(doraBand('deploymentFrequency', 1 / 30)).toBe('medium');
    expect(doraBand('deploymentFrequency', 0.03)).toBe('low');
    expect(doraBand('deploymentFrequency', 0)).toBe('low');

    expect(doraBand('leadTimeForChanges', 24)).toBe('elite');
    expect(doraBand('leadTimeForChanges', 24.01)).toBe('high');
    expect(doraBand('leadTimeForChanges', 168)).toBe('high');
    expect(doraBand('leadTimeForChanges', 720)).toBe('medium');
    expect(doraBand('leadTimeForChanges', 721)).toBe('low');

    expect(doraBand('changeFailureRate', 0)).toBe('elite');
    expect(doraBand('changeFailureRate', 0.05)).toBe('elite');
    expect(doraBand('changeFailureRate', 0.1)).toBe('high');
    expect(doraBand('changeFailureRate', 0.15)).toBe('medium');
    expect(doraBand('changeFailureRate', 0.16)).toBe('low');

    expect(doraBand('timeToRestore', 0.5)).toBe('elite');
    expect(doraBand('timeToRestore', 1.5)).toBe('high');
    expect(doraBand('timeToRestore', 100)).toBe('medium');
    expect(doraBand('timeToRestore', 169)).toBe('low');
  });

  it('has no band without a figure', () => {
    expect(doraBand('leadTimeForChanges', null)).toBeNull();
    expect(doraBand('timeToRestore', undefined)).toBeNull();
    expect(doraBand('changeFailureRate', NaN)).toBeNull();
  });

  it('orders every metric’s bounds from elite to medium', () => {
    for (const bounds of Object.values(DORA_BANDS)) {
      const ordered =
        bounds.better === 'higher'
          ? bounds.elite > bounds.high && bounds.high > bounds.medium
          : bounds.elite < bounds.high && bounds.high < bounds.medium;
      expect(ordered).toBe(true);
    }
  });
});
