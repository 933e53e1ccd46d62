import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import {
  isChildPath,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { parseLocationRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';

/** What a check may read from disk at most: a CODEOWNERS is a few kilobytes. @internal */
export const MAX_FILE_BESIDE_LOCATION_BYTES = 1024 * 1024;

const CHUNK_BYTES = 64 * 1024;

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MB`
    : `${bytes} bytes`;
}

/** The folder of a `file:` location's target, which must be an absolute path. */
function folderOf(location: string): string {
  let parsed;
  try {
    parsed = parseLocationRef(location);
  } catch {
    throw new InputError(`'${location}' is not a location reference`);
  }
  if (parsed.type !== 'file' || !isAbsolute(parsed.target)) {
    throw new InputError(
      `'${location}' is not a file: location with an absolute path`,
    );
  }
  return dirname(parsed.target);
}

/**
 * Reads `path`, relative to the folder of the `file:` location `location`, from the
 * backend's disk: the implementation of `CheckContext.readFileBesideLocation`.
 *
 * The file is read only if it really lies inside that folder: `..` and absolute paths are
 * refused, and so is a file that a symbolic link (the file itself or a folder on the way)
 * resolves to outside it, since catalog files and what sits beside them are written by
 * anyone who can commit to the repository. Only regular files are read (a FIFO would block
 * the sweep), and only up to `maxBytes`.
 *
 * Resolves to undefined when the file, or the folder itself, does not exist, or when the
 * path names a directory (it holds no file of that name).
 *
 * @internal
 */
export async function readFileBesideLocation(
  location: string,
  path: string,
  options: { maxBytes: number } = {
    maxBytes: MAX_FILE_BESIDE_LOCATION_BYTES,
  },
): Promise<string | undefined> {
  const { maxBytes } = options;
  let folder: string;
  try {
    folder = await realpath(folderOf(location));
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  const outside = () =>
    new NotAllowedError(
      `${path} leads outside ${folder} (through .., an absolute path or a symbolic link), so it is not read`,
    );
  // Refuses `..`, absolute paths and links (dangling ones too) that lead outside.
  let candidate: string;
  try {
    candidate = resolveSafeChildPath(folder, path);
  } catch (error) {
    if ((error as Error).name === NotAllowedError.name) throw outside();
    throw error;
  }

  let real: string;
  try {
    real = await realpath(candidate);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  // Again on the real path, in case a link changed since.
  if (!isChildPath(folder, real)) throw outside();

  // O_NOFOLLOW: a link swapped in after realpath is not followed. O_NONBLOCK: opening a
  // FIFO does not wait for a writer; fstat below then refuses it.
  const handle = await open(
    real,
    constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
  );
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) return undefined;
    if (!stats.isFile()) {
      throw new NotAllowedError(`${candidate} is not a regular file`);
    }
    const tooLarge = () =>
      new Error(
        `${candidate} is larger than the limit of ${describeBytes(
          maxBytes,
        )} that is read`,
      );
    if (stats.size > maxBytes) throw tooLarge();

    // Read to the end rather than trusting stats.size: the file may grow meanwhile.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLarge();
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await handle.close();
  }
}
