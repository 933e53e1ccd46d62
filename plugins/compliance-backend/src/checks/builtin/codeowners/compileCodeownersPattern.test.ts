import { compileCodeownersPattern } from './compileCodeownersPattern';

function matching(pattern: string, paths: string[]): string[] {
  const matches = compileCodeownersPattern(pattern);
  return paths.filter(path => matches(path));
}

const paths = [
  'catalog-info.yaml',
  'README.md',
  'docs/index.md',
  'docs/guides/setup.md',
  'apps/web/catalog-info.yaml',
  'apps/web/docs/index.md',
  'src/apps/main.ts',
  'build/logs/out.log',
  'x/build/logs/out.log',
  'config/app.yml',
  'file with space.txt',
];

describe('compileCodeownersPattern', () => {
  it('matches everything with *', () => {
    expect(matching('*', paths)).toEqual(paths);
    expect(matching('**', paths)).toEqual(paths);
  });

  it('matches extensions at any depth', () => {
    expect(matching('*.yaml', paths)).toEqual([
      'catalog-info.yaml',
      'apps/web/catalog-info.yaml',
    ]);
  });

  it('matches a file name at any depth', () => {
    expect(matching('catalog-info.yaml', paths)).toEqual([
      'catalog-info.yaml',
      'apps/web/catalog-info.yaml',
    ]);
  });

  it('anchors patterns with a leading slash', () => {
    expect(matching('/catalog-info.yaml', paths)).toEqual([
      'catalog-info.yaml',
    ]);
    expect(matching('/docs/', paths)).toEqual([
      'docs/index.md',
      'docs/guides/setup.md',
    ]);
  });

  it('anchors patterns with a middle slash', () => {
    expect(matching('apps/web', paths)).toEqual([
      'apps/web/catalog-info.yaml',
      'apps/web/docs/index.md',
    ]);
    expect(matching('build/logs/', paths)).toEqual(['build/logs/out.log']);
    expect(matching('web/catalog-info.yaml', paths)).toEqual([]);
  });

  it('matches a directory with a trailing slash at any depth', () => {
    expect(matching('docs/', paths)).toEqual([
      'docs/index.md',
      'docs/guides/setup.md',
      'apps/web/docs/index.md',
    ]);
    expect(matching('apps/', paths)).toEqual([
      'apps/web/catalog-info.yaml',
      'apps/web/docs/index.md',
      'src/apps/main.ts',
    ]);
  });

  it('matches only direct children with dir/*', () => {
    expect(matching('docs/*', paths)).toEqual(['docs/index.md']);
  });

  it('supports ** at the start, middle and end', () => {
    expect(matching('**/logs', paths)).toEqual([
      'build/logs/out.log',
      'x/build/logs/out.log',
    ]);
    expect(matching('apps/**/index.md', paths)).toEqual([
      'apps/web/docs/index.md',
    ]);
    expect(matching('docs/**/setup.md', paths)).toEqual([
      'docs/guides/setup.md',
    ]);
    expect(matching('docs/**/index.md', paths)).toEqual(['docs/index.md']);
    expect(matching('/apps/**', paths)).toEqual([
      'apps/web/catalog-info.yaml',
      'apps/web/docs/index.md',
    ]);
  });

  it('keeps * and ? within one segment', () => {
    expect(matching('/*.md', paths)).toEqual(['README.md']);
    expect(matching('config/app.y?l', paths)).toEqual(['config/app.yml']);
    expect(matching('/apps/*.yaml', paths)).toEqual([]);
  });

  it('treats regex characters and escapes literally', () => {
    expect(matching('file\\ with\\ space.txt', paths)).toEqual([
      'file with space.txt',
    ]);
    expect(matching('README.md', ['README.md', 'READMEXmd'])).toEqual([
      'README.md',
    ]);
    expect(matching('[id].ts', ['[id].ts', 'i.ts'])).toEqual(['[id].ts']);
  });

  it('is case-sensitive, like GitHub', () => {
    expect(matching('readme.md', paths)).toEqual([]);
  });

  it('matches nothing for / alone', () => {
    expect(matching('/', paths)).toEqual([]);
  });
});
