import { builtinChecks } from './index';

describe('builtinChecks', () => {
  it('lists every built-in check once, with a title and description', () => {
    const checks = builtinChecks();
    expect(checks.map(c => c.id)).toEqual([
      'ownership.owner-declared',
      'ownership.owner-exists',
      'ownership.owner-is-group',
      'ownership.owner-has-members',
      'ownership.owner-in-hierarchy',
      'ownership.codeowners-match',
      'ownership.system-assigned',
      'metadata.lifecycle-valid',
      'docs.techdocs-present',
    ]);
    for (const check of checks) {
      expect(check.title).not.toBe('');
      expect(check.description).not.toBe('');
    }
  });
});
