import { findCodeownersRule } from './findCodeownersRule';
import { parseCodeowners } from './parseCodeowners';

const content = [
  '# Owners of everything',
  '*   @acme/platform',
  '',
  '  # indented comment',
  '/docs/ @acme/writers docs@acme.example  # inline comment',
  'catalog-info.yaml @acme/team-billing @jane',
  'file\\ with\\ space.txt @acme/odd',
  '/generated/',
  '\r',
].join('\r\n');

describe('parseCodeowners', () => {
  const rules = parseCodeowners(content);

  it('reads patterns, owners and line numbers; skips comments and blanks', () => {
    expect(
      rules.map(({ pattern, owners, line }) => ({ pattern, owners, line })),
    ).toEqual([
      { pattern: '*', owners: ['@acme/platform'], line: 2 },
      {
        pattern: '/docs/',
        owners: ['@acme/writers', 'docs@acme.example'],
        line: 5,
      },
      {
        pattern: 'catalog-info.yaml',
        owners: ['@acme/team-billing', '@jane'],
        line: 6,
      },
      { pattern: 'file\\ with\\ space.txt', owners: ['@acme/odd'], line: 7 },
      { pattern: '/generated/', owners: [], line: 8 },
    ]);
  });

  it('lets the last matching rule win', () => {
    expect(findCodeownersRule(rules, 'catalog-info.yaml')?.line).toBe(6);
    expect(findCodeownersRule(rules, 'src/index.ts')?.line).toBe(2);
    expect(findCodeownersRule(rules, 'docs/catalog-info.yaml')?.line).toBe(6);
    expect(findCodeownersRule(rules, 'docs/index.md')?.line).toBe(5);
    expect(findCodeownersRule(rules, 'file with space.txt')?.line).toBe(7);
    expect(findCodeownersRule(rules, 'generated/a.ts')?.owners).toEqual([]);
  });

  it('finds no rule when none matches', () => {
    expect(findCodeownersRule(parseCodeowners('/docs/ @a'), 'x.ts')).toBe(
      undefined,
    );
    expect(findCodeownersRule(parseCodeowners(''), 'x.ts')).toBe(undefined);
  });
});
