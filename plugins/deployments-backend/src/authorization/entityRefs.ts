import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';

/**
 * The form every entity ref is stored and compared in: full (`kind:namespace/name`) and
 * lower-case, because the catalog compares refs without regard to case.
 *
 * @internal
 */
export function storedRef(entity: Entity | string): string {
  return (
    typeof entity === 'string' ? entity : stringifyEntityRef(entity)
  ).toLocaleLowerCase('en-US');
}

/**
 * A ref from a request in stored form, with the kind and namespace it leaves out filled
 * in; or why it does not parse.
 *
 * @internal
 */
export function tryParseRequestRef(
  ref: string,
  defaultKind: string,
): { ref: string } | { error: string } {
  try {
    return {
      ref: storedRef(
        stringifyEntityRef(
          parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
        ),
      ),
    };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The kind part of a stored ref. @internal */
export function kindOf(ref: string): string {
  return ref.slice(0, ref.indexOf(':'));
}
