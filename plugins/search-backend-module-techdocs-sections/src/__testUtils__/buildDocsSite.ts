// Builds a fixture docs site with mkdocs, as TechDocs' local generator does with
// `omitTechdocsCorePlugin` (Debian's mkdocs + mkdocs-material; the test command installs
// them). Test code only.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/** The fixture sites in src/__fixtures__. */
export type FixtureSite = 'payments-docs';

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesOf(path) : [path];
  });
}

/** What mkdocs builds the fixture into, built once per content (test files share it). */
function builtFixture(fixture: FixtureSite): string {
  const source = resolve(__dirname, '../__fixtures__', fixture);
  const hash = createHash('sha256');
  for (const file of filesOf(source).sort()) {
    hash.update(relative(source, file)).update(readFileSync(file));
  }
  const cached = join(
    tmpdir(),
    `techdocs-sections-${fixture}-${hash.digest('hex').slice(0, 16)}`,
  );
  if (existsSync(cached)) return cached;
  const work = mkdtempSync(join(tmpdir(), 'techdocs-sections-build-'));
  try {
    cpSync(source, join(work, 'source'), { recursive: true });
    execFileSync(
      'mkdocs',
      ['build', '--quiet', '--site-dir', join(work, 'site')],
      {
        cwd: join(work, 'source'),
        stdio: 'pipe',
      },
    );
    // Another test file may have built it meanwhile; either copy will do.
    if (!existsSync(cached)) renameSync(join(work, 'site'), cached);
  } catch (error) {
    throw new Error(
      `mkdocs could not build the ${fixture} fixture (the tests need Debian's mkdocs and mkdocs-material: apt-get install mkdocs mkdocs-material): ${error}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return cached;
}

/**
 * The fixture site as TechDocs publishes it: mkdocs' output and the
 * `techdocs_metadata.json` TechDocs writes beside it, in `target` (a new temporary folder
 * by default). Returns the folder.
 */
export function buildDocsSite(
  fixture: FixtureSite,
  options: { builtAt: Date; etag?: string; target?: string },
): string {
  const site =
    options.target ?? mkdtempSync(join(tmpdir(), 'techdocs-sections-'));
  mkdirSync(site, { recursive: true });
  cpSync(builtFixture(fixture), site, { recursive: true });
  writeFileSync(
    join(site, 'techdocs_metadata.json'),
    JSON.stringify({
      site_name: 'Payments API',
      site_description: '',
      build_timestamp: options.builtAt.getTime(),
      etag: options.etag ?? 'fixture',
      files: [],
    }),
  );
  return site;
}
