import type { CheckContext } from '@runway/plugin-compliance-node';
import {
  component,
  createTestContext,
  group,
  outcomeOf,
  user,
} from '../testUtils';
import { createOwnerHasMembersCheck } from './createOwnerHasMembersCheck';

describe('ownership.owner-has-members', () => {
  const check = createOwnerHasMembersCheck();
  const ownedBy = (owner: string) => component('billing', { owner });

  it('fails for an empty team, naming the count and the minimum', async () => {
    const context = createTestContext({ entities: [group('team-a')] });
    await expect(outcomeOf(check, ownedBy('team-a'), context)).resolves.toEqual(
      {
        status: 'fail',
        message:
          'Owner group:default/team-a has 0 members, fewer than the minimum of 2',
        remediation: expect.stringContaining('at least 2'),
      },
    );
  });

  it('passes with enough direct members', async () => {
    const context = createTestContext({
      entities: [
        group('team-a'),
        user('jane', ['team-a']),
        user('joe', ['team-a']),
      ],
    });
    await expect(outcomeOf(check, ownedBy('team-a'), context)).resolves.toEqual(
      {
        status: 'pass',
        message:
          'Owner group:default/team-a has 2 members, at least the minimum of 2',
      },
    );
  });

  it('counts members of sub-teams, each person once', async () => {
    const context = createTestContext({
      entities: [
        group('dept'),
        group('team-a', 'dept'),
        group('team-a-1', 'team-a'),
        user('jane', ['team-a-1']),
        user('joe', ['team-a-1', 'dept']),
      ],
    });
    await expect(outcomeOf(check, ownedBy('dept'), context)).resolves.toEqual({
      status: 'pass',
      message:
        'Owner group:default/dept has 2 members (counting its 2 sub-teams), at least the minimum of 2',
    });
    await expect(
      outcomeOf(check, ownedBy('team-a'), context),
    ).resolves.toMatchObject({
      status: 'pass',
      message:
        'Owner group:default/team-a has 2 members (counting its 1 sub-team), at least the minimum of 2',
    });
  });

  it('does not count members of parent or sibling teams', async () => {
    const context = createTestContext({
      entities: [
        group('dept'),
        group('team-a', 'dept'),
        group('team-b', 'dept'),
        user('jane', ['dept']),
        user('joe', ['team-b']),
        user('kim', ['team-a']),
      ],
    });
    await expect(
      outcomeOf(check, ownedBy('team-a'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'Owner group:default/team-a has 1 member, fewer than the minimum of 2',
    });
  });

  it('does not count members that do not exist in the catalog', async () => {
    const base = createTestContext({
      entities: [group('team-a'), user('jane', ['team-a'])],
    });
    // An index built from relations may name users that were removed from the catalog.
    const context: CheckContext = {
      ...base,
      catalog: {
        ...base.catalog,
        get: ref => base.catalog.get(ref),
        all: () => base.catalog.all(),
        resolveRef: (ref, defaults) => base.catalog.resolveRef(ref, defaults),
        childGroupsOf: ref => base.catalog.childGroupsOf(ref),
        directMembersOf: ref => [
          ...base.catalog.directMembersOf(ref),
          'user:default/ghost',
          'group:default/team-a',
        ],
      },
    };
    await expect(
      outcomeOf(check, ownedBy('team-a'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'Owner group:default/team-a has 1 member, fewer than the minimum of 2',
    });
  });

  it('terminates on cyclic sub-team data', async () => {
    const context = createTestContext({
      entities: [
        group('team-a', 'team-b'),
        group('team-b', 'team-a'),
        group('solo', 'solo'),
        user('jane', ['team-b']),
      ],
    });
    await expect(
      outcomeOf(check, ownedBy('team-a'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'Owner group:default/team-a has 1 member (counting its 1 sub-team), fewer than the minimum of 2',
    });
    await expect(
      outcomeOf(check, ownedBy('solo'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'Owner group:default/solo has 0 members, fewer than the minimum of 2',
    });
  });

  it('uses the minMembers option', async () => {
    const entities = [group('team-a'), user('jane', ['team-a'])];
    await expect(
      outcomeOf(
        check,
        ownedBy('team-a'),
        createTestContext({ entities, options: { minMembers: 1 } }),
      ),
    ).resolves.toMatchObject({
      status: 'pass',
      message:
        'Owner group:default/team-a has 1 member, at least the minimum of 1',
    });
    await expect(
      outcomeOf(
        check,
        ownedBy('team-a'),
        createTestContext({ entities, options: { minMembers: 3 } }),
      ),
    ).resolves.toMatchObject({
      message:
        'Owner group:default/team-a has 1 member, fewer than the minimum of 3',
    });
  });

  it.each([['3'], [-1], [1.5], [null]])(
    'falls back to 2 for a minMembers of %j',
    async minMembers => {
      const context = createTestContext({
        entities: [group('team-a'), user('jane', ['team-a'])],
        options: { minMembers },
      });
      await expect(
        outcomeOf(check, ownedBy('team-a'), context),
      ).resolves.toMatchObject({
        message:
          'Owner group:default/team-a has 1 member, fewer than the minimum of 2',
      });
    },
  );

  it('is not applicable when the owner is missing or not a group', async () => {
    const context = createTestContext({ entities: [user('jane')] });
    for (const owner of ['ghost', 'user:jane']) {
      await expect(
        outcomeOf(check, ownedBy(owner), context),
      ).resolves.toMatchObject({ status: 'not-applicable' });
    }
  });
});
