import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { EntitySpecReference } from '@runway/events-node';

type ReferenceField = {
  field: string;
  type: string;
  defaultKind: string;
  /** Lower-case kinds whose spec has this field; absent: any kind. */
  kinds?: string[];
};

// The fields and default kinds of the catalog's BuiltinKindsEntityProcessor. Owner, system,
// domain and subcomponentOf are read from any kind, because custom kinds use them with the
// same meaning (compliance evaluates custom kinds by their spec.owner); parent, children,
// members and memberOf mean something only on Groups and Users.
const FIELDS: ReferenceField[] = [
  { field: 'owner', type: RELATION_OWNED_BY, defaultKind: 'group' },
  { field: 'system', type: RELATION_PART_OF, defaultKind: 'system' },
  { field: 'domain', type: RELATION_PART_OF, defaultKind: 'domain' },
  { field: 'subcomponentOf', type: RELATION_PART_OF, defaultKind: 'component' },
  {
    field: 'parent',
    type: RELATION_CHILD_OF,
    defaultKind: 'group',
    kinds: ['group'],
  },
  {
    field: 'children',
    type: RELATION_PARENT_OF,
    defaultKind: 'group',
    kinds: ['group'],
  },
  {
    field: 'members',
    type: RELATION_HAS_MEMBER,
    defaultKind: 'user',
    kinds: ['group'],
  },
  {
    field: 'memberOf',
    type: RELATION_MEMBER_OF,
    defaultKind: 'group',
    kinds: ['user'],
  },
];

/**
 * The entities an entity's spec references, as full lower-case refs, deduplicated and sorted
 * so that equal specs give equal lists. Refs default their kind per field and their namespace
 * to the entity's, as the catalog does. Catalog data is untrusted: a value that is not a
 * string (or a list of strings) or does not parse is skipped, never thrown, because this
 * runs inside catalog processing.
 *
 * @internal
 */
export function entitySpecReferences(entity: Entity): EntitySpecReference[] {
  const kind = typeof entity.kind === 'string' ? entity.kind : '';
  const lowerKind = kind.toLocaleLowerCase('en-US');
  const namespace =
    typeof entity.metadata?.namespace === 'string' && entity.metadata.namespace
      ? entity.metadata.namespace
      : DEFAULT_NAMESPACE;
  const spec = (entity.spec ?? {}) as Record<string, unknown>;

  const found = new Map<string, EntitySpecReference>();
  for (const { field, type, defaultKind, kinds } of FIELDS) {
    if (kinds && !kinds.includes(lowerKind)) continue;
    for (const value of [spec[field]].flat()) {
      const targetRef = toFullRef(value, defaultKind, namespace);
      if (targetRef) found.set(`${type} ${targetRef}`, { type, targetRef });
    }
  }
  return [...found.keys()].sort().map(key => found.get(key)!);
}

function toFullRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}
