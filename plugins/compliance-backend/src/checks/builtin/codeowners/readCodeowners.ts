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
 * The CODEOWNERS file that was read, or the URLs that were searched in vain.
 *
 * @internal
 */
export type CodeownersFile =
  | { found: true; url: string; content: string }
  | { found: false; searched: string[] };

/**
 * A CODEOWNERS location could be read neither as present nor as absent.
 *
 * @internal
 */
export class CodeownersReadError extends Error {
  readonly url: string;

  constructor(url: string, cause: unknown) {
    super(
      `Could not read ${url}: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = 'CodeownersReadError';
    this.url = url;
  }
}

/**
 * Reads the first CODEOWNERS file that exists under `sourceUrl` (a directory URL ending
 * in `/`). Throws {@link CodeownersReadError} when a read fails for another reason than
 * the file not existing, since then the answer is unknown.
 *
 * `catalogFileUrl`, a file known to exist in the repository, tells "no CODEOWNERS" from "no
 * access" when nothing is found: GitHub answers 404 for a private repository that the
 * token cannot see, and for a revision that does not exist.
 *
 * @internal
 */
export async function readCodeowners(
  sourceUrl: string,
  readUrl: (url: string) => Promise<string | undefined>,
  catalogFileUrl?: string,
): Promise<CodeownersFile> {
  const read = async (url: string) => {
    try {
      return await readUrl(url);
    } catch (e) {
      throw new CodeownersReadError(url, e);
    }
  };
  const searched: string[] = [];
  for (const path of CODEOWNERS_PATHS) {
    const url = new URL(path, sourceUrl).href;
    searched.push(url);
    const content = await read(url);
    if (content !== undefined) {
      return { found: true, url, content };
    }
  }
  if (catalogFileUrl && (await read(catalogFileUrl)) === undefined) {
    throw new CodeownersReadError(
      sourceUrl,
      `not even the catalog file ${catalogFileUrl} was found, so the repository or revision is out of the integration's sight`,
    );
  }
  return { found: false, searched };
}
