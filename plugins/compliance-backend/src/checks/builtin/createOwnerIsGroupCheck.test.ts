import {
  component,
  createTestContext,
  entity,
  group,
  outcomeOf,
  user,
} from '../testUtils';
import { createOwnerIsGroupCheck } from './createOwnerIsGroupCheck';

describe('ownership.owner-is-group', () => {
  const check = createOwnerIsGroupCheck();
  const entities = [
    group('team-billing'),
    user('jane', ['team-billing', 'ghost-team']),
    user('joe'),
    component('other'),
  ];
  const context = createTestContext({ entities });

  it('passes when the owner is a group', async () => {
    await expect(
      outcomeOf(
        check,
        component('billing', { owner: 'team-billing' }),
        context,
      ),
    ).resolves.toEqual({
      status: 'pass',
      message: 'Owner group:default/team-billing is a Group',
    });
  });

  it("fails when the owner is a user, suggesting the user's groups", async () => {
    await expect(
      outcomeOf(check, component('billing', { owner: 'user:jane' }), context),
    ).resolves.toEqual({
      status: 'fail',
      message: 'Owner user:default/jane is a User, not a Group',
      remediation:
        'Set spec.owner to the team responsible for it, e.g. group:default/team-billing that jane belongs to.',
    });
    await expect(
      outcomeOf(check, component('billing', { owner: 'user:joe' }), context),
    ).resolves.toEqual({
      status: 'fail',
      message: 'Owner user:default/joe is a User, not a Group',
      remediation: 'Set spec.owner to the team responsible for it.',
    });
  });

  it('passes a user owner when allowUsers is true', async () => {
    const allowing = createTestContext({
      entities,
      options: { allowUsers: true },
    });
    await expect(
      outcomeOf(check, component('billing', { owner: 'user:jane' }), allowing),
    ).resolves.toEqual({
      status: 'pass',
      message:
        'Owner user:default/jane is a User, which the allowUsers option permits',
    });
  });

  it('ignores an allowUsers option that is not a boolean', async () => {
    const misconfigured = createTestContext({
      entities,
      options: { allowUsers: 'yes' },
    });
    await expect(
      outcomeOf(
        check,
        component('billing', { owner: 'user:jane' }),
        misconfigured,
      ),
    ).resolves.toMatchObject({ status: 'fail' });
  });

  it('fails when the owner is another kind of entity', async () => {
    await expect(
      outcomeOf(
        check,
        component('billing', { owner: 'component:other' }),
        context,
      ),
    ).resolves.toMatchObject({
      status: 'fail',
      message: 'Owner component:default/other is a Component, not a Group',
    });
  });

  it('is not applicable when the owner does not exist or is not declared', async () => {
    for (const owner of ['ghost', undefined, 'group:']) {
      await expect(
        outcomeOf(check, component('billing', { owner }), context),
      ).resolves.toMatchObject({ status: 'not-applicable' });
    }
    await expect(
      outcomeOf(check, entity('User', 'x'), context),
    ).resolves.toMatchObject({ status: 'not-applicable' });
  });
});
