import type { ComplianceCheck } from '@runway/plugin-compliance-node';
import { fail, notApplicable, pass } from '../outcomes';
import {
  isOneOfKinds,
  KINDS_WITH_OWNER,
  kindNotCoveredMessage,
} from './entityKinds';
import { resolveOwner } from './resolveReference';

/**
 * `ownership.owner-exists`: `spec.owner` resolves (default kind Group, the entity's
 * namespace) to an entity in the catalog.
 *
 * @internal
 */
export function createOwnerExistsCheck(): ComplianceCheck {
  return {
    id: 'ownership.owner-exists',
    title: 'Owner exists',
    description:
      'The owner named in spec.owner is an entity in the catalog, not a typo or a team that was dissolved.',
    evaluate(entity, { catalog }) {
      if (!isOneOfKinds(entity, KINDS_WITH_OWNER)) {
        return notApplicable(kindNotCoveredMessage(entity, KINDS_WITH_OWNER));
      }
      const owner = resolveOwner(entity, catalog);
      switch (owner.state) {
        case 'undeclared':
          return notApplicable(
            'No owner is declared; ownership.owner-declared reports it',
          );
        case 'invalid':
          return fail(
            `Owner '${owner.value}' is not a valid entity reference`,
            'Write spec.owner as [kind:][namespace/]name, e.g. group:default/team-name.',
          );
        case 'missing':
          return fail(
            `Owner ${owner.ref} does not exist in the catalog`,
            `Register ${owner.ref} in the catalog, or change spec.owner to a group that exists.`,
          );
        default:
          return pass(`Owner ${owner.ref} exists in the catalog`);
      }
    },
  };
}
