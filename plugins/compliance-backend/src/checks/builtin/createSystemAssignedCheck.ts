import type {
  CatalogIndex,
  CheckOutcome,
  ComplianceCheck,
} from '@runway/plugin-compliance-node';
import type { Entity } from '@backstage/catalog-model';
import { fail, notApplicable, pass } from '../outcomes';
import { isOneOfKinds, kindNotCoveredMessage } from './entityKinds';
import {
  type ReferenceResolution,
  resolveOwner,
  resolveReference,
} from './resolveReference';
import { perIndexCache } from './perIndexCache';
import { walkParentChain } from './walkParentChain';

const KINDS_IN_SYSTEMS: readonly string[] = ['Component', 'API', 'Resource'];

/** A group and the groups above it, nearest first; once per group and index. */
const groupAndAncestors = perIndexCache(
  (catalog: CatalogIndex, groupRef: string): readonly string[] =>
    // However the chain ends (root, cycle, dangling parent), the groups walked up to
    // there are the owner's ancestors; a repeated, missing or non-group parent is not.
    [...new Set(walkParentChain(catalog, groupRef).chain)].filter(
      ref => catalog.get(ref)?.kind.toLocaleLowerCase('en-US') === 'group',
    ),
);

/**
 * The owner and the groups above it, nearest first. A system may be owned by the entity's
 * team or by any team that team belongs to.
 */
function ownerAndAncestors(
  catalog: CatalogIndex,
  owner: Extract<ReferenceResolution, { ref: string }>,
): readonly string[] {
  if (
    owner.state === 'found' &&
    owner.entity.kind.toLocaleLowerCase('en-US') === 'group'
  ) {
    return groupAndAncestors(catalog, owner.ref);
  }
  return [owner.ref];
}

/** The failure for a `spec.system` that does not lead to an entity. */
function unusableSystem(
  system: Exclude<ReferenceResolution, { state: 'found' }>,
): CheckOutcome {
  switch (system.state) {
    case 'undeclared':
      return fail(
        'spec.system is missing, so the entity is not part of any System',
        'Set spec.system to the System this entity belongs to, e.g. system:default/payments.',
      );
    case 'invalid':
      return fail(
        `spec.system '${system.value}' is not a valid entity reference`,
        'Write spec.system as [system:][namespace/]name.',
      );
    default:
      return fail(
        `System ${system.ref} does not exist in the catalog`,
        `Register ${system.ref} in the catalog, or set spec.system to a System that exists.`,
      );
  }
}

function compareOwners(
  entity: Entity,
  catalog: CatalogIndex,
  system: Entity,
  systemRef: string,
): CheckOutcome {
  const systemOwner = resolveOwner(system, catalog);
  if (systemOwner.state === 'undeclared' || systemOwner.state === 'invalid') {
    return fail(
      `System ${systemRef} declares no valid owner, so it cannot be matched with this entity's owner`,
      `Set spec.owner of ${systemRef} to the group that owns the system.`,
    );
  }
  const owner = resolveOwner(entity, catalog);
  if (owner.state === 'undeclared' || owner.state === 'invalid') {
    return fail(
      `The entity declares no valid owner, so it cannot be matched with ${systemOwner.ref}, the owner of System ${systemRef}`,
      'Set spec.owner to the team that owns it; ownership.owner-declared explains how.',
    );
  }

  const acceptable = ownerAndAncestors(catalog, owner);
  const position = acceptable.indexOf(systemOwner.ref);
  if (position === 0) {
    return pass(
      `Part of System ${systemRef}, which has the same owner ${owner.ref}`,
    );
  }
  if (position > 0) {
    return pass(
      `Part of System ${systemRef}, owned by ${systemOwner.ref}, a parent group of the owner ${owner.ref}`,
    );
  }
  const ancestors = acceptable.slice(1);
  const ancestorText =
    ancestors.length > 0
      ? `one of its parent groups (${ancestors.join(', ')})`
      : 'a parent group of it (it has none)';
  return fail(
    `System ${systemRef} is owned by ${systemOwner.ref}, which is neither the owner ${owner.ref} nor ${ancestorText}`,
    `Move the entity to a System owned by ${owner.ref} or one of its parent groups, or correct spec.owner of the entity or of ${systemRef}.`,
  );
}

/**
 * `ownership.system-assigned`: Components, APIs and Resources belong to an existing System
 * whose owner is the entity's owner or a group above it, so that systems and their parts
 * are owned consistently.
 *
 * @internal
 */
export function createSystemAssignedCheck(): ComplianceCheck {
  return {
    id: 'ownership.system-assigned',
    title: 'Assigned to a system',
    description:
      "The entity belongs to an existing System that is owned by the entity's owner or one of its parent groups.",
    evaluate(entity, { catalog }) {
      if (!isOneOfKinds(entity, KINDS_IN_SYSTEMS)) {
        return notApplicable(kindNotCoveredMessage(entity, KINDS_IN_SYSTEMS));
      }
      const system = resolveReference(
        catalog,
        entity.spec?.system,
        'system',
        entity,
      );
      if (system.state !== 'found') {
        return unusableSystem(system);
      }
      if (system.entity.kind.toLocaleLowerCase('en-US') !== 'system') {
        return fail(
          `spec.system names ${system.ref}, which is a ${system.entity.kind}, not a System`,
          'Set spec.system to a System.',
        );
      }
      return compareOwners(entity, catalog, system.entity, system.ref);
    },
  };
}
