import {
  DEFAULT_NAMESPACE,
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogIndex } from '@runway/plugin-compliance-node';

/**
 * Backstage compares entity refs case-insensitively, so every ref this index stores or is
 * asked about goes through here. `stringifyEntityRef` lower-cases kind and namespace; the
 * name is lower-cased too so that `team-A` and `team-a` find the same group.
 */
function normalizeRef(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

function namespaceOf(entity: Entity): string {
  return entity.metadata.namespace || DEFAULT_NAMESPACE;
}

function isKind(entity: Entity, kind: string): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === kind;
}

/** Catalog data is user input: only non-empty strings can be references. */
function stringsIn(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((item): item is string => typeof item === 'string');
}

function addToList(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (!list) {
    map.set(key, [value]);
  } else if (!list.includes(value)) {
    list.push(value);
  }
}

/**
 * A `CatalogIndex` over a fixed list of entities,
 * built once per sweep. Group hierarchy and memberships are precomputed so that checks
 * never scan the whole catalog per entity.
 *
 * Relations are derived from `spec.parent` (Groups) and `spec.memberOf` (Users), resolved
 * the way the catalog does: default kind Group, default namespace that of the entity.
 *
 * @internal
 */
export class InMemoryCatalogIndex implements CatalogIndex {
  private readonly entitiesByRef: Map<string, Entity>;
  private readonly childGroupsByParent: Map<string, string[]>;
  private readonly membersByGroup: Map<string, string[]>;
  // A sweep resolves the same few hundred owner and system refs thousands of times. Keyed
  // by default kind, then default namespace, then the ref as written, so that a lookup
  // builds no key string; null is a ref that does not parse.
  private readonly resolvedRefs = new Map<
    string,
    Map<string, Map<string, string | null>>
  >();

  /** When two entities share a ref, the first one wins, as in the catalog. */
  static fromEntities(entities: Iterable<Entity>): InMemoryCatalogIndex {
    const entitiesByRef = new Map<string, Entity>();
    for (const entity of entities) {
      const ref = normalizeRef(stringifyEntityRef(entity));
      if (!entitiesByRef.has(ref)) {
        entitiesByRef.set(ref, entity);
      }
    }
    return new InMemoryCatalogIndex(entitiesByRef);
  }

  private constructor(entitiesByRef: Map<string, Entity>) {
    this.entitiesByRef = entitiesByRef;
    this.childGroupsByParent = new Map();
    this.membersByGroup = new Map();

    for (const [ref, entity] of entitiesByRef) {
      const defaults = {
        defaultKind: 'group',
        defaultNamespace: namespaceOf(entity),
      };
      if (isKind(entity, 'group')) {
        const parent = entity.spec?.parent;
        const parentRef =
          typeof parent === 'string'
            ? this.resolveRef(parent, defaults)
            : undefined;
        if (parentRef) {
          addToList(this.childGroupsByParent, parentRef, ref);
        }
      } else if (isKind(entity, 'user')) {
        for (const group of stringsIn(entity.spec?.memberOf)) {
          const groupRef = this.resolveRef(group, defaults);
          if (groupRef) {
            addToList(this.membersByGroup, groupRef, ref);
          }
        }
      }
    }
  }

  get(entityRef: string): Entity | undefined {
    // Most callers pass refs this index resolved, which are normalized already.
    return (
      this.entitiesByRef.get(entityRef) ??
      this.entitiesByRef.get(normalizeRef(entityRef))
    );
  }

  all(): Iterable<Entity> {
    return this.entitiesByRef.values();
  }

  resolveRef(
    ref: string,
    defaults: { defaultKind: string; defaultNamespace: string },
  ): string | undefined {
    // Callers pass values straight from catalog data, which may not be strings at all.
    if (typeof ref !== 'string') {
      return undefined;
    }
    let byNamespace = this.resolvedRefs.get(defaults.defaultKind);
    if (!byNamespace) {
      byNamespace = new Map();
      this.resolvedRefs.set(defaults.defaultKind, byNamespace);
    }
    let byRef = byNamespace.get(defaults.defaultNamespace);
    if (!byRef) {
      byRef = new Map();
      byNamespace.set(defaults.defaultNamespace, byRef);
    }
    let resolved = byRef.get(ref);
    if (resolved === undefined) {
      try {
        resolved = normalizeRef(
          stringifyEntityRef(parseEntityRef(ref, defaults)),
        );
      } catch {
        // Malformed refs in catalog data are reported by the checks that read them.
        resolved = null;
      }
      byRef.set(ref, resolved);
    }
    return resolved ?? undefined;
  }

  childGroupsOf(groupRef: string): string[] {
    // Copies, so that a check cannot change the index for the checks after it.
    return [...(this.childGroupsByParent.get(normalizeRef(groupRef)) ?? [])];
  }

  directMembersOf(groupRef: string): string[] {
    return [...(this.membersByGroup.get(normalizeRef(groupRef)) ?? [])];
  }
}
