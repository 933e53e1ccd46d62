import { DEFAULT_NAMESPACE, type Entity } from '@backstage/catalog-model';
import type {
  CatalogIndex,
  ComplianceCheck,
} from '@runway/plugin-compliance-node';
import { fail, notApplicable, pass } from '../outcomes';
import { readBooleanOption } from './checkOptions';
import {
  isOneOfKinds,
  KINDS_WITH_OWNER,
  kindNotCoveredMessage,
} from './entityKinds';
import { resolveOwner } from './resolveReference';

/** The groups a user belongs to, to suggest one of them as the owner instead. */
function groupsOfUser(user: Entity, catalog: CatalogIndex): string[] {
  const memberOf: unknown = user.spec?.memberOf;
  if (!Array.isArray(memberOf)) {
    return [];
  }
  const defaults = {
    defaultKind: 'group',
    defaultNamespace: user.metadata.namespace || DEFAULT_NAMESPACE,
  };
  return memberOf
    .map(group =>
      typeof group === 'string'
        ? catalog.resolveRef(group, defaults)
        : undefined,
    )
    .filter((ref): ref is string => ref !== undefined && !!catalog.get(ref));
}

/**
 * `ownership.owner-is-group`: the owner is a Group, so ownership survives people leaving.
 * Option `allowUsers` (boolean, default false) accepts a User as owner.
 *
 * @internal
 */
export function createOwnerIsGroupCheck(): ComplianceCheck {
  return {
    id: 'ownership.owner-is-group',
    title: 'Owner is a team',
    description:
      'The owner is a Group rather than an individual, so that ownership survives people changing teams.',
    evaluate(entity, { catalog, options }) {
      if (!isOneOfKinds(entity, KINDS_WITH_OWNER)) {
        return notApplicable(kindNotCoveredMessage(entity, KINDS_WITH_OWNER));
      }
      const owner = resolveOwner(entity, catalog);
      if (owner.state !== 'found') {
        return notApplicable(
          'The owner is not declared or does not exist; ownership.owner-declared and ownership.owner-exists report it',
        );
      }
      const ownerRef = owner.ref;
      const kind = owner.entity.kind.toLocaleLowerCase('en-US');
      if (kind === 'group') {
        return pass(`Owner ${ownerRef} is a Group`);
      }
      if (kind === 'user') {
        if (readBooleanOption(options, 'allowUsers', false)) {
          return pass(
            `Owner ${ownerRef} is a User, which the allowUsers option permits`,
          );
        }
        const groups = groupsOfUser(owner.entity, catalog);
        const suggestion =
          groups.length > 0
            ? `, e.g. ${groups.join(' or ')} that ${
                owner.entity.metadata.name
              } belongs to`
            : '';
        return fail(
          `Owner ${ownerRef} is a User, not a Group`,
          `Set spec.owner to the team responsible for it${suggestion}.`,
        );
      }
      return fail(
        `Owner ${ownerRef} is a ${owner.entity.kind}, not a Group`,
        'Set spec.owner to the group that owns it, e.g. group:default/team-name.',
      );
    },
  };
}
