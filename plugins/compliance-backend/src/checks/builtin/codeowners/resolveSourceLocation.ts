import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  type Entity,
  parseLocationRef,
} from '@backstage/catalog-model';

/**
 * Where an entity's repository lives and where its catalog file is within it.
 *
 * @internal
 */
export type SourceLocation = {
  /**
   * URL of the repository root at the source's revision (GitHub `/owner/repo/tree/<ref>/`,
   * GitLab `/group/project/-/tree/<ref>/`), where CODEOWNERS lives; for URLs of other
   * shapes, the source directory. Always ends with `/`.
   */
  url: string;
  /** Path of the catalog file relative to `url`, e.g. `services/billing/catalog-info.yaml`. */
  catalogFilePath: string;
  /**
   * URL of the catalog file when `backstage.io/managed-by-location` places it in this
   * repository. The catalog read it, so it exists: if it cannot be found either, the
   * repository itself is out of sight (GitHub answers 404 for private repositories that
   * the token cannot see).
   */
  catalogFileUrl?: string;
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

/** Hostile annotations may hold malformed escapes; they stay as written then. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
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
  return decodePath(filePath.slice(sourcePath.length));
}

/**
 * The repository root of a GitHub (`/owner/repo/tree/<ref>/`) or GitLab
 * (`/group/…/project/-/tree/<ref>/`) URL, `blob` alike. As in Backstage's GitHub reader, the
 * ref is one path segment.
 */
const REPOSITORY_ROOT =
  /^(?:\/[^/]+\/[^/]+\/(?:tree|blob)\/[^/]+\/|\/.+?\/-\/(?:tree|blob)\/[^/]+\/)/;

/** Splits a URL into its repository root and the path within the repository. */
function splitRepositoryUrl(url: URL): { root: URL; path: string } | undefined {
  const match = url.pathname.match(REPOSITORY_ROOT);
  if (!match) {
    return undefined;
  }
  const root = new URL(url.href);
  root.pathname = match[0];
  root.search = '';
  root.hash = '';
  return { root, path: decodePath(url.pathname.slice(match[0].length)) };
}

function isSameRepository(a: URL, b: URL): boolean {
  return a.origin === b.origin && comparablePath(a) === comparablePath(b);
}

/**
 * Finds the repository of an entity from its `url:` source location:
 * `backstage.io/source-location`, or else the directory of the catalog file named by
 * `backstage.io/managed-by-location`. Entities registered from `file:` locations have none,
 * as there is no repository to read.
 *
 * CODEOWNERS lives at the repository root and its patterns are relative to it, while the
 * catalog sets `backstage.io/source-location` to the catalog file's directory, which in a
 * monorepo is a subdirectory: so GitHub and GitLab URLs are taken back to the root.
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
  const repository = splitRepositoryUrl(directory);
  if (repository) {
    const file = catalogFile && splitRepositoryUrl(catalogFile);
    const fileInRepository =
      file && file.path && isSameRepository(file.root, repository.root);
    return fileInRepository
      ? {
          url: repository.root.href,
          catalogFilePath: file.path,
          catalogFileUrl: catalogFile.href,
        }
      : {
          url: repository.root.href,
          catalogFilePath: `${repository.path}${DEFAULT_CATALOG_FILE}`,
        };
  }
  const catalogFilePath = catalogFile && pathWithin(directory, catalogFile);
  return catalogFilePath
    ? { url: directory.href, catalogFilePath, catalogFileUrl: catalogFile.href }
    : { url: directory.href, catalogFilePath: DEFAULT_CATALOG_FILE };
}
