import type { ComplianceCheck } from '@runway/plugin-compliance-node';
import { describeType, describeValue } from '../describeValue';
import { fail, notApplicable, pass } from '../outcomes';
import {
  isOneOfKinds,
  KINDS_WITH_OWNER,
  kindNotCoveredMessage,
} from './entityKinds';

function describeMissingOwner(owner: unknown): string {
  if (owner === undefined || owner === null) {
    return 'spec.owner is missing';
  }
  if (typeof owner === 'string') {
    return 'spec.owner is empty';
  }
  return `spec.owner is ${describeType(owner)} (${describeValue(
    owner,
  )}), not an entity reference`;
}

/**
 * `ownership.owner-declared`: `spec.owner` is a non-empty string.
 *
 * @internal
 */
export function createOwnerDeclaredCheck(): ComplianceCheck {
  return {
    id: 'ownership.owner-declared',
    title: 'Owner declared',
    description:
      'The entity names its owner in spec.owner, so that someone is accountable for it.',
    evaluate(entity) {
      if (!isOneOfKinds(entity, KINDS_WITH_OWNER)) {
        return notApplicable(kindNotCoveredMessage(entity, KINDS_WITH_OWNER));
      }
      const owner = entity.spec?.owner;
      if (typeof owner === 'string' && owner.trim() !== '') {
        return pass(`Owner is declared as '${owner}'`);
      }
      return fail(
        describeMissingOwner(owner),
        "Set spec.owner in the entity's catalog-info.yaml to the team that owns it, e.g. 'owner: group:default/team-name'.",
      );
    },
  };
}
