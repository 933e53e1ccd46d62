import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** A ref in the catalog's comparable form: full and lower-case, as the catalog compares refs. */
function normalized(ref: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Whether two full entity refs name the same entity, the way the catalog compares them:
 * case-insensitively (`user:default/Alice` is `user:default/alice`).
 *
 * @internal
 */
export function sameEntityRef(a: string, b: string): boolean {
  const left = normalized(a);
  return left !== undefined && left === normalized(b);
}

/**
 * The ref, if it is a full ref of a User entity (as a user principal's `userEntityRef` is),
 * in the catalog's lower-case form; undefined for anything else, e.g. the subject of a
 * service principal.
 *
 * @internal
 */
export function userEntityRef(ref: string): string | undefined {
  const full = normalized(ref);
  return full?.startsWith('user:') ? full : undefined;
}
