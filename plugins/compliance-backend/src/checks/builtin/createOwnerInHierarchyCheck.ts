import type { ComplianceCheck } from '@runway/plugin-compliance-node';
import { fail, notApplicable, pass } from '../outcomes';
import {
  isOneOfKinds,
  KINDS_WITH_OWNER,
  kindNotCoveredMessage,
} from './entityKinds';
import { resolveOwner } from './resolveReference';
import { walkParentChain } from './walkParentChain';

/**
 * `ownership.owner-in-hierarchy`: the owning group reaches a root group through
 * `spec.parent`, without a cycle or a parent that does not exist, so that rollups and
 * escalations can climb the org chart.
 *
 * @internal
 */
export function createOwnerInHierarchyCheck(): ComplianceCheck {
  return {
    id: 'ownership.owner-in-hierarchy',
    title: 'Owner is in the org hierarchy',
    description:
      'The owning group reaches a root group through spec.parent, without cycles or missing parents.',
    evaluate(entity, { catalog }) {
      if (!isOneOfKinds(entity, KINDS_WITH_OWNER)) {
        return notApplicable(kindNotCoveredMessage(entity, KINDS_WITH_OWNER));
      }
      const owner = resolveOwner(entity, catalog);
      if (
        owner.state !== 'found' ||
        owner.entity.kind.toLocaleLowerCase('en-US') !== 'group'
      ) {
        return notApplicable(
          'The owner is not a Group in the catalog; the other ownership checks report it',
        );
      }

      const result = walkParentChain(catalog, owner.ref);
      const chain = result.chain.join(' → ');
      if (result.end === 'root') {
        return result.chain.length === 1
          ? pass(`Owner ${owner.ref} is itself a root group (no spec.parent)`)
          : pass(
              `Owner ${owner.ref} reaches the root group ${
                result.chain[result.chain.length - 1]
              }: ${chain}`,
            );
      }
      if (result.end === 'cycle') {
        return fail(
          `The parent chain of owner ${owner.ref} has a cycle: ${chain}`,
          `Break the cycle: set spec.parent of one of these groups to a group outside the loop (or remove it on the root group).`,
        );
      }
      switch (result.reason) {
        case 'invalid':
          return fail(
            `Group ${result.child} has spec.parent '${result.parent}', which is not a valid entity reference (chain: ${chain})`,
            `Fix spec.parent of ${result.child}: write it as [group:][namespace/]name.`,
          );
        case 'missing':
          return fail(
            `Group ${result.child} names parent ${result.parent}, which does not exist in the catalog (chain: ${chain})`,
            `Register ${result.parent} in the catalog, or set spec.parent of ${result.child} to a group that exists.`,
          );
        default:
          return fail(
            `Group ${result.child} names parent ${result.parent}, which is a ${result.parentKind}, not a Group (chain: ${chain})`,
            `Set spec.parent of ${result.child} to a group.`,
          );
      }
    },
  };
}
