import { type Entity, parseEntityRef } from '@backstage/catalog-model';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

/** The GitHub organisation that CODEOWNERS names teams in (`@acme/team-1`). */
const GITHUB_ORG = 'acme';

/**
 * Writes the organisation to `dir` as a company keeps it, one folder per owner: what an
 * owner owns in `owners/<owner>/catalog-info.yaml` beside a CODEOWNERS that names that
 * owner (as a repository per team would have it), groups and users in
 * `org/catalog-info.yaml`, and a Location at the root that points at them all.
 *
 * `ownership.codeowners-match` reads CODEOWNERS beside a `file:` location from disk, so it
 * does real work in every sweep and passes: the failures stay exactly the planted ones, and
 * each CODEOWNERS is as small as a real one (one owner per rule).
 *
 * Returns the root Location file, to register in the catalog, and how many Location
 * entities the catalog will hold besides the organisation.
 */
export function layOutOrg(
  entities: Entity[],
  dir: string,
): { rootFile: string; locationEntities: number } {
  const files = new Map<string, Entity[]>();
  const codeowners = new Map<string, string>();
  for (const entity of entities) {
    const owner = entity.spec?.owner;
    let folder = 'org';
    if (typeof owner === 'string') {
      const { kind, name } = parseEntityRef(owner, { defaultKind: 'group' });
      folder = `owners/${kind.toLocaleLowerCase('en-US')}-${name}`;
      codeowners.set(
        folder,
        kind.toLocaleLowerCase('en-US') === 'group'
          ? `@${GITHUB_ORG}/${name}`
          : `@${name}`,
      );
    }
    const file = `${folder}/catalog-info.yaml`;
    if (!files.has(file)) files.set(file, []);
    files.get(file)!.push(entity);
  }

  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  for (const [file, fileEntities] of files) {
    write(file, fileEntities.map(e => stringify(e)).join('---\n'));
  }
  for (const [folder, handle] of codeowners) {
    write(`${folder}/CODEOWNERS`, `* ${handle}\n`);
  }
  const rootFile = join(dir, 'catalog-info.yaml');
  write(
    'catalog-info.yaml',
    stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: { name: 'generated-org' },
      spec: { type: 'file', targets: [...files.keys()].map(f => `./${f}`) },
    }),
  );
  // The Location in the file, and the one the catalog makes of the configured location.
  return { rootFile, locationEntities: 2 };
}
