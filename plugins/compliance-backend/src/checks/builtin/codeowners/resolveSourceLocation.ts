import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  type Entity,
  parseLocationRef,
} from '@backstage/catalog-model';

/**
 * Where an entity's source lives and where its catalog file is within it.
 *
 * @internal
 */
export type SourceLocation = {
  /** URL of the source directory, always ending with `/`. */
  url: string;
  /** Path of the catalog file relative to `url`, e.g. `catalog-info.yaml`. */
  catalogFilePath: string;
};

const DEFAULT_CATALOG_FILE = 'catalog-info.yaml';

/** The target of a `url:` location annotation, if it is one and a valid URL. */
function urlLocation(entity: Entity, annotation: string): URL | undefined {
  const value = entity.metadata.annotations?.[annotation];
  if (!value) {
    return undefined;
  }
  try {
    const { type, target } = parseLocationRef(value);
    return type === 'url' ? new URL(target) : undefined;
  } catch {
    return undefined;
  }
}

function asDirectory(url: URL): URL {
  const directory = new URL(url.href);
  directory.search = '';
  directory.hash = '';
  if (!directory.pathname.endsWith('/')) {
    directory.pathname += '/';
  }
  return directory;
}

/**
 * GitHub and GitLab address the same revision as `/tree/<ref>/` (a directory) and
 * `/blob/<ref>/` (a file); source locations use the former, catalog files the latter.
 */
function comparablePath(url: URL): string {
  return url.pathname.replace(/\/(?:-\/)?(?:tree|blob)\//, '/~/');
}

/** The catalog file's path within `source`, when the file lies under it. */
function pathWithin(source: URL, file: URL): string | undefined {
  if (source.origin !== file.origin) {
    return undefined;
  }
  const sourcePath = comparablePath(source);
  const filePath = comparablePath(file);
  if (!filePath.startsWith(sourcePath) || filePath === sourcePath) {
    return undefined;
  }
  return decodeURIComponent(filePath.slice(sourcePath.length));
}

/**
 * Finds the `url:` source location of an entity: `backstage.io/source-location`, or else
 * the directory of the catalog file named by `backstage.io/managed-by-location`. Entities
 * registered from `file:` locations have none, as there is no repository to read.
 *
 * @internal
 */
export function resolveSourceLocation(
  entity: Entity,
): SourceLocation | undefined {
  const catalogFile = urlLocation(entity, ANNOTATION_LOCATION);
  const declaredSource = urlLocation(entity, ANNOTATION_SOURCE_LOCATION);
  const source = declaredSource ?? (catalogFile && new URL('./', catalogFile));
  if (!source) {
    return undefined;
  }
  const directory = asDirectory(source);
  const catalogFilePath =
    (catalogFile && pathWithin(directory, catalogFile)) ?? DEFAULT_CATALOG_FILE;
  return { url: directory.href, catalogFilePath };
}
