import {
  component,
  createTestContext,
  group,
  outcomeOf,
  user,
} from '../testUtils';
import { createOwnerInHierarchyCheck } from './createOwnerInHierarchyCheck';

describe('ownership.owner-in-hierarchy', () => {
  const check = createOwnerInHierarchyCheck();
  const ownedBy = (owner: string) => component('billing', { owner });
  const context = createTestContext({
    entities: [
      group('org'),
      group('eng', 'org'),
      group('team-a', 'eng'),
      group('loop-a', 'loop-b'),
      group('loop-b', 'loop-a'),
      group('under-loop', 'loop-a'),
      group('self', 'self'),
      group('orphan', 'disbanded'),
      group('broken', 'group:'),
      group('odd', 'user:jane'),
      user('jane'),
    ],
  });

  it('passes when the owner reaches a root group, naming the chain', async () => {
    await expect(outcomeOf(check, ownedBy('team-a'), context)).resolves.toEqual(
      {
        status: 'pass',
        message:
          'Owner group:default/team-a reaches the root group group:default/org: group:default/team-a → group:default/eng → group:default/org',
      },
    );
  });

  it('passes when the owner is a root group itself', async () => {
    await expect(outcomeOf(check, ownedBy('org'), context)).resolves.toEqual({
      status: 'pass',
      message:
        'Owner group:default/org is itself a root group (no spec.parent)',
    });
  });

  it('fails on a cycle, naming it', async () => {
    await expect(outcomeOf(check, ownedBy('loop-a'), context)).resolves.toEqual(
      {
        status: 'fail',
        message:
          'The parent chain of owner group:default/loop-a has a cycle: group:default/loop-a → group:default/loop-b → group:default/loop-a',
        remediation: expect.stringContaining('Break the cycle'),
      },
    );
    await expect(
      outcomeOf(check, ownedBy('under-loop'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'The parent chain of owner group:default/under-loop has a cycle: group:default/under-loop → group:default/loop-a → group:default/loop-b → group:default/loop-a',
    });
  });

  it('fails on a group that is its own parent', async () => {
    await expect(
      outcomeOf(check, ownedBy('self'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'The parent chain of owner group:default/self has a cycle: group:default/self → group:default/self',
    });
  });

  it('fails on a dangling parent, naming it', async () => {
    await expect(outcomeOf(check, ownedBy('orphan'), context)).resolves.toEqual(
      {
        status: 'fail',
        message:
          'Group group:default/orphan names parent group:default/disbanded, which does not exist in the catalog (chain: group:default/orphan → group:default/disbanded)',
        remediation:
          'Register group:default/disbanded in the catalog, or set spec.parent of group:default/orphan to a group that exists.',
      },
    );
  });

  it('fails on a parent that is not a valid reference or not a group', async () => {
    await expect(
      outcomeOf(check, ownedBy('broken'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        "Group group:default/broken has spec.parent 'group:', which is not a valid entity reference (chain: group:default/broken)",
    });
    await expect(
      outcomeOf(check, ownedBy('odd'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'Group group:default/odd names parent user:default/jane, which is a User, not a Group (chain: group:default/odd → user:default/jane)',
    });
  });

  it('is not applicable when the owner is missing or not a group', async () => {
    for (const owner of ['ghost', 'user:jane']) {
      await expect(
        outcomeOf(check, ownedBy(owner), context),
      ).resolves.toMatchObject({ status: 'not-applicable' });
    }
  });
});
