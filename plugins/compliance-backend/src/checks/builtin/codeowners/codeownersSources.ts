import type { CheckContext } from '@runway/plugin-compliance-node';
import { join } from 'node:path';
import type { CatalogFolder } from './resolveCatalogFolder';
import type { CodeownersSource } from './readCodeowners';
import type { SourceLocation } from './resolveSourceLocation';

/**
 * CODEOWNERS of a repository, read through Backstage's UrlReader.
 *
 * @internal
 */
export function repositoryCodeowners(
  source: SourceLocation,
  readUrl: CheckContext['readUrl'],
): CodeownersSource {
  const nameOf = (path: string) => new URL(path, source.url).href;
  const { catalogFileUrl } = source;
  return {
    nameOf,
    read: path => readUrl(nameOf(path)),
    catalogFilePath: source.catalogFilePath,
    catalogFile: catalogFileUrl
      ? {
          name: catalogFileUrl,
          read: () => readUrl(catalogFileUrl),
          outOfSight:
            "the repository or revision is out of the integration's sight",
        }
      : undefined,
    readErrorRemediation:
      'Check that an integration for this host is configured and can read the repository, then evaluate again.',
  };
}

/**
 * CODEOWNERS in the folder of a catalog file that the catalog read from disk. Patterns are
 * relative to that folder, as no repository root is known.
 *
 * @internal
 */
export function catalogFolderCodeowners(
  catalog: CatalogFolder,
  readFileBesideLocation: CheckContext['readFileBesideLocation'],
): CodeownersSource {
  const { location, folder, catalogFilePath } = catalog;
  return {
    nameOf: path => join(folder, path),
    read: path => readFileBesideLocation(location, path),
    catalogFilePath,
    catalogFile: {
      name: join(folder, catalogFilePath),
      read: () => readFileBesideLocation(location, catalogFilePath),
      outOfSight:
        'the backend cannot see this folder (is it on another machine than the one that registered the location?)',
    },
    readErrorRemediation: `Make CODEOWNERS a regular file inside ${folder} (not a link to a file elsewhere), small enough for the limit, that the backend can read; then evaluate again.`,
  };
}
