import { DEFAULT_NAMESPACE, type Entity } from '@backstage/catalog-model';
import type { CatalogIndex } from '@runway/plugin-compliance-node';

/**
 * What a reference field of an entity (such as `spec.owner` or `spec.system`) points at.
 *
 * - `undeclared`: the field is missing, empty or not a string (`value` holds it).
 * - `invalid`: the string is not an entity reference.
 * - `missing`: it is a reference, but no such entity is in the catalog.
 * - `found`: the referenced entity.
 *
 * @internal
 */
export type ReferenceResolution =
  | { state: 'undeclared'; value: unknown }
  | { state: 'invalid'; value: string }
  | { state: 'missing'; value: string; ref: string }
  | { state: 'found'; value: string; ref: string; entity: Entity };

/**
 * Resolves a reference written in `from`, the way the catalog does: a missing kind is
 * `defaultKind` and a missing namespace is the namespace of `from`.
 *
 * @internal
 */
export function resolveReference(
  catalog: CatalogIndex,
  value: unknown,
  defaultKind: string,
  from: Entity,
): ReferenceResolution {
  if (typeof value !== 'string' || value.trim() === '') {
    return { state: 'undeclared', value };
  }
  const ref = catalog.resolveRef(value, {
    defaultKind,
    defaultNamespace: from.metadata.namespace || DEFAULT_NAMESPACE,
  });
  if (!ref) {
    return { state: 'invalid', value };
  }
  const entity = catalog.get(ref);
  return entity
    ? { state: 'found', value, ref, entity }
    : { state: 'missing', value, ref };
}

/**
 * Resolves `spec.owner` of an entity; owners default to kind Group.
 *
 * @internal
 */
export function resolveOwner(
  entity: Entity,
  catalog: CatalogIndex,
): ReferenceResolution {
  return resolveReference(catalog, entity.spec?.owner, 'group', entity);
}
