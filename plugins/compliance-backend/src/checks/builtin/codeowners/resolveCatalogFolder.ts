import {
  ANNOTATION_LOCATION,
  type Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { basename, dirname, isAbsolute } from 'node:path';

/**
 * The folder on the backend's disk of a catalog file that the catalog read from a `file:`
 * location.
 *
 * @internal
 */
export type CatalogFolder = {
  /** The catalog file's `file:` location, as in `backstage.io/managed-by-location`. */
  location: string;
  /** Absolute path of the folder that holds the catalog file. */
  folder: string;
  /** The catalog file's name, which is its path relative to `folder`. */
  catalogFilePath: string;
};

/**
 * Finds the folder of an entity's catalog file when `backstage.io/managed-by-location` is a
 * `file:` location with an absolute path.
 *
 * Only that annotation is trusted: the catalog sets it to the location it read the entity
 * from, overwriting whatever the file says, whereas `backstage.io/source-location` is
 * never set for file locations and would be written by the entity's author, who could then
 * point the backend at any folder on its disk.
 *
 * No repository root is known for a file location, so CODEOWNERS is looked for in this
 * folder, not above it.
 *
 * @internal
 */
export function resolveCatalogFolder(
  entity: Entity,
): CatalogFolder | undefined {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!location) {
    return undefined;
  }
  let parsed;
  try {
    parsed = parseLocationRef(location);
  } catch {
    return undefined;
  }
  if (parsed.type !== 'file' || !isAbsolute(parsed.target)) {
    return undefined;
  }
  return {
    location,
    folder: dirname(parsed.target),
    catalogFilePath: basename(parsed.target),
  };
}
