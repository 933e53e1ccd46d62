/**
 * The places GitHub looks for a CODEOWNERS file, relative to the repository root.
 *
 * @internal
 */
export const CODEOWNERS_PATHS: readonly string[] = [
  'CODEOWNERS',
  '.github/CODEOWNERS',
  'docs/CODEOWNERS',
];

/**
 * Where CODEOWNERS is looked for: a repository read through the UrlReader, or the folder of
 * a catalog file on disk. Paths are relative to the place CODEOWNERS patterns are relative
 * to (the repository root, or the folder).
 *
 * @internal
 */
export type CodeownersSource = {
  /** How the file at `path` is named in messages: a URL, or a path on disk. */
  nameOf(path: string): string;
  /** Reads the file at `path`; undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** The catalog file's path, which CODEOWNERS rules are matched against. */
  catalogFilePath: string;
  /**
   * The catalog file, which the catalog read, so it exists: when neither it nor any
   * CODEOWNERS can be found, the source is out of sight rather than without CODEOWNERS.
   */
  catalogFile?: {
    name: string;
    read(): Promise<string | undefined>;
    /** Why the source is out of sight when the catalog file is not found either. */
    outOfSight: string;
  };
  /** What to do when a read fails. */
  readErrorRemediation: string;
};

/**
 * The CODEOWNERS file that was read, or the places that were searched in vain.
 *
 * @internal
 */
export type CodeownersFile =
  | { found: true; name: string; content: string }
  | { found: false; searched: string[] };

/**
 * A CODEOWNERS location could be read neither as present nor as absent.
 *
 * @internal
 */
export class CodeownersReadError extends Error {
  /** The URL or path that could not be read. */
  readonly where: string;

  constructor(where: string, cause: unknown) {
    super(
      `Could not read ${where}: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = 'CodeownersReadError';
    this.where = where;
  }
}

function readOrThrow(
  name: string,
  reader: () => Promise<string | undefined>,
): Promise<string | undefined> {
  return reader().catch(e => {
    throw new CodeownersReadError(name, e);
  });
}

/**
 * The first CODEOWNERS file that exists in `source`, or the places searched. It depends only
 * on where the source is (`source.nameOf('')`), so entities of one repository or folder can
 * share it. Throws {@link CodeownersReadError} when a read fails for another reason than the
 * file not existing, since then the answer is unknown.
 *
 * @internal
 */
export async function searchCodeowners(
  source: CodeownersSource,
): Promise<CodeownersFile> {
  const searched: string[] = [];
  for (const path of CODEOWNERS_PATHS) {
    const name = source.nameOf(path);
    searched.push(name);
    const content = await readOrThrow(name, () => source.read(path));
    if (content !== undefined) {
      return { found: true, name, content };
    }
  }
  return { found: false, searched };
}

/**
 * Reads the first CODEOWNERS file that exists in `source` (through `search`, by default
 * {@link searchCodeowners}). Throws {@link CodeownersReadError} when a read fails for another
 * reason than the file not existing, since then the answer is unknown.
 *
 * The catalog file, known to exist, tells "no CODEOWNERS" from "no access" when nothing is
 * found: GitHub answers 404 for a private repository that the token cannot see, and for a
 * revision that does not exist; a folder on another machine's disk is simply missing.
 *
 * @internal
 */
export async function readCodeowners(
  source: CodeownersSource,
  search: (
    source: CodeownersSource,
  ) => Promise<CodeownersFile> = searchCodeowners,
): Promise<CodeownersFile> {
  const file = await search(source);
  if (file.found) return file;
  const catalogFile = source.catalogFile;
  if (
    catalogFile &&
    (await readOrThrow(catalogFile.name, catalogFile.read)) === undefined
  ) {
    throw new CodeownersReadError(
      source.nameOf(''),
      `not even the catalog file ${catalogFile.name} was found, so ${catalogFile.outOfSight}`,
    );
  }
  return file;
}
