import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(__dirname, '../../..');
const componentsDir = join(root, 'examples/components');

const mkdocsFiles = [
  join(root, 'mkdocs.yml'),
  ...readdirSync(componentsDir).map(name =>
    join(componentsDir, name, 'mkdocs.yml'),
  ),
];

type MkdocsConfig = {
  theme?: { name?: string; font?: unknown };
  nav?: Array<Record<string, string>>;
};

describe.each(mkdocsFiles.map(f => [f.slice(root.length + 1), f]))(
  '%s',
  (_name, file) => {
    const config: MkdocsConfig = parse(readFileSync(file, 'utf8'));

    it('uses the material theme without Google Fonts', () => {
      // A stylesheet from fonts.googleapis.com never loads on a network without internet
      // access, and TechDocs then shows a progress bar instead of the page, forever.
      expect(config.theme).toMatchObject({ name: 'material', font: false });
    });

    it('lists only pages that exist', () => {
      const pages = (config.nav ?? []).flatMap(entry => Object.values(entry));
      expect(pages.length).toBeGreaterThan(0);
      const missing = pages.filter(
        page => !existsSync(join(file, '..', 'docs', page)),
      );
      expect(missing).toEqual([]);
    });
  },
);
