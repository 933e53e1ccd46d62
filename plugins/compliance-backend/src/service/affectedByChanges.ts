import {
  DEFAULT_NAMESPACE,
  RELATION_CHILD_OF,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { EntitySpecReference } from '@runway/events-node';
import type { CatalogIndex } from '@runway/plugin-compliance-node';
import { walkParentChain } from '../checks/builtin/walkParentChain';
import { descendantGroups } from './groupTree';

/** Kinds whose change or deletion can change the checks of other entities. @internal */
export const RELATED_KINDS: readonly string[] = ['group', 'user', 'system'];

/** A changed or deleted Group, User or System. @internal */
export type RelatedChange = {
  /** Full, lower-case ref. */
  ref: string;
  /** Lower-case kind. */
  kind: string;
  /** What its spec referenced before the change, when known. */
  previousReferences?: readonly EntitySpecReference[];
};

/**
 * The entities of evaluated kinds (`kinds`, lower-case) whose checks read one of the changed
 * groups, users or systems, as refs in the index:
 *
 * - a Group: what it, its ancestors (member counts include sub-teams) and its descendants
 *   (their parent chain runs through it) own; and what its former parent and that parent's
 *   ancestors own (they counted its members);
 * - a User: what it owns (owner-is-group and owner-exists read it), and what its groups,
 *   current and former, and their ancestors own;
 * - a System: the entities in it.
 *
 * The current relations come from `index`; the former ones from `previousReferences`.
 * A group's former children and members are not followed: the checks derive the hierarchy
 * from `spec.parent` and membership from `spec.memberOf` (see InMemoryCatalogIndex), which
 * the group's own change does not touch. For a deletion, pass the index from before it.
 *
 * @internal
 */
export function affectedByChanges(
  index: CatalogIndex,
  changes: Iterable<RelatedChange>,
  kinds: readonly string[],
): Set<string> {
  const owners = new Set<string>();
  const systems = new Set<string>();
  const addGroupAndAncestors = (groupRef: string) => {
    for (const ref of walkParentChain(index, groupRef).chain) owners.add(ref);
  };
  const formerTargets = (change: RelatedChange, type: string) =>
    (change.previousReferences ?? [])
      .filter(reference => reference.type === type)
      .map(reference => reference.targetRef);

  for (const change of changes) {
    const { ref, kind } = change;
    if (kind === 'group') {
      addGroupAndAncestors(ref);
      for (const descendant of descendantGroups(index, ref)) {
        owners.add(descendant);
      }
      formerTargets(change, RELATION_CHILD_OF).forEach(addGroupAndAncestors);
    } else if (kind === 'user') {
      owners.add(ref);
      const user = index.get(ref);
      for (const group of user ? groupsOfUser(index, user) : []) {
        addGroupAndAncestors(group);
      }
      formerTargets(change, RELATION_MEMBER_OF).forEach(addGroupAndAncestors);
    } else if (kind === 'system') {
      systems.add(ref);
    }
  }
  if (!owners.size && !systems.size) return new Set();

  const affected = new Set<string>();
  for (const entity of index.all()) {
    if (!kinds.includes(entity.kind.toLocaleLowerCase('en-US'))) continue;
    const defaults = { defaultNamespace: namespaceOf(entity) };
    const owner =
      typeof entity.spec?.owner === 'string'
        ? index.resolveRef(entity.spec.owner, {
            ...defaults,
            defaultKind: 'group',
          })
        : undefined;
    const system =
      typeof entity.spec?.system === 'string'
        ? index.resolveRef(entity.spec.system, {
            ...defaults,
            defaultKind: 'system',
          })
        : undefined;
    if ((owner && owners.has(owner)) || (system && systems.has(system))) {
      affected.add(stringifyEntityRef(entity).toLocaleLowerCase('en-US'));
    }
  }
  return affected;
}

/**
 * The part of an entity that {@link affectedByChanges} reads, so that an index of the
 * catalog kept between two reads for it costs a fraction of the full entities. Keep it in
 * step with what affectedByChanges (and walkParentChain, groupsOfUser) read.
 *
 * @internal
 */
export function fanOutView(entity: Entity): Entity {
  const { owner, system, parent, memberOf } = (entity.spec ?? {}) as Record<
    string,
    unknown
  >;
  const spec = Object.fromEntries(
    Object.entries({ owner, system, parent, memberOf }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const memberships = (entity.relations ?? []).filter(
    relation => relation.type === RELATION_MEMBER_OF,
  );
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata: {
      name: entity.metadata.name,
      ...(entity.metadata.namespace
        ? { namespace: entity.metadata.namespace }
        : {}),
    },
    spec: spec as Entity['spec'],
    ...(memberships.length ? { relations: memberships } : {}),
  };
}

function namespaceOf(entity: Entity): string {
  return entity.metadata.namespace || DEFAULT_NAMESPACE;
}

/** Groups a user belongs to: `spec.memberOf`, and `memberOf` relations (e.g. from an org provider). */
function groupsOfUser(index: CatalogIndex, user: Entity): string[] {
  const declared = Array.isArray(user.spec?.memberOf)
    ? (user.spec!.memberOf as unknown[])
    : [];
  const refs = declared.map(group =>
    typeof group === 'string'
      ? index.resolveRef(group, {
          defaultKind: 'group',
          defaultNamespace: namespaceOf(user),
        })
      : undefined,
  );
  for (const relation of user.relations ?? []) {
    if (relation.type === RELATION_MEMBER_OF) {
      refs.push(relation.targetRef.toLocaleLowerCase('en-US'));
    }
  }
  return refs.filter((ref): ref is string => !!ref);
}
