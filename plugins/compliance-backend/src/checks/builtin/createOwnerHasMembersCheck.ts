import type {
  CatalogIndex,
  ComplianceCheck,
} from '@runway/plugin-compliance-node';
import { fail, notApplicable, pass } from '../outcomes';
import { readNonNegativeIntegerOption } from './checkOptions';
import { collectGroupTree } from './collectGroupTree';
import { perIndexCache } from './perIndexCache';
import {
  isOneOfKinds,
  KINDS_WITH_OWNER,
  kindNotCoveredMessage,
} from './entityKinds';
import { resolveOwner } from './resolveReference';

const DEFAULT_MIN_MEMBERS = 2;

// Thousands of entities share a few hundred owners: count each group's people once per index.
const countStaff = perIndexCache((catalog: CatalogIndex, groupRef: string) => {
  const groups = collectGroupTree(catalog, groupRef);
  const members = new Set<string>();
  for (const group of groups) {
    for (const member of catalog.directMembersOf(group)) {
      // Only people who are in the catalog can be reached.
      if (catalog.get(member)?.kind.toLocaleLowerCase('en-US') === 'user') {
        members.add(member);
      }
    }
  }
  return { groups: groups.length, members: members.size };
});

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * `ownership.owner-has-members`: the owning group and its sub-teams have at least
 * `minMembers` (option, default 2) distinct Users, so that the owner is more than one
 * person's name on a group.
 *
 * @internal
 */
export function createOwnerHasMembersCheck(): ComplianceCheck {
  return {
    id: 'ownership.owner-has-members',
    title: 'Owning team is staffed',
    description:
      'The owning group, counting its sub-teams, has enough members in the catalog to be reachable.',
    evaluate(entity, { catalog, options }) {
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
      const minMembers = readNonNegativeIntegerOption(
        options,
        'minMembers',
        DEFAULT_MIN_MEMBERS,
      );

      const staff = countStaff(catalog, owner.ref);
      const subTeams = staff.groups - 1;
      const scope =
        subTeams > 0 ? ` (counting its ${plural(subTeams, 'sub-team')})` : '';
      const count = plural(staff.members, 'member');
      if (staff.members >= minMembers) {
        return pass(
          `Owner ${owner.ref} has ${count}${scope}, at least the minimum of ${minMembers}`,
        );
      }
      return fail(
        `Owner ${owner.ref} has ${count}${scope}, fewer than the minimum of ${minMembers}`,
        `Add the team's people to ${owner.ref} (spec.memberOf of each User) until it has at least ${minMembers}, or move ownership to a staffed team.`,
      );
    },
  };
}
