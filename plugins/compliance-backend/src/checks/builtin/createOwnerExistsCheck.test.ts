import {
  component,
  createTestContext,
  entity,
  group,
  outcomeOf,
  user,
} from '../testUtils';
import { createOwnerExistsCheck } from './createOwnerExistsCheck';

describe('ownership.owner-exists', () => {
  const check = createOwnerExistsCheck();
  const context = createTestContext({
    entities: [
      group('team-billing'),
      group('ops', undefined, 'infra'),
      user('jane'),
    ],
  });

  it.each([
    ['team-billing', 'group:default/team-billing'],
    ['Team-Billing', 'group:default/team-billing'],
    ['group:default/team-billing', 'group:default/team-billing'],
    ['user:jane', 'user:default/jane'],
    ['infra/ops', 'group:infra/ops'],
  ])('passes when owner %s exists', async (owner, ref) => {
    await expect(
      outcomeOf(check, component('billing', { owner }), context),
    ).resolves.toEqual({
      status: 'pass',
      message: `Owner ${ref} exists in the catalog`,
    });
  });

  it('fails naming the missing owner', async () => {
    await expect(
      outcomeOf(
        check,
        component('billing', { owner: 'team-payments' }),
        context,
      ),
    ).resolves.toEqual({
      status: 'fail',
      message:
        'Owner group:default/team-payments does not exist in the catalog',
      remediation:
        'Register group:default/team-payments in the catalog, or change spec.owner to a group that exists.',
    });
  });

  it("resolves the owner in the entity's namespace", async () => {
    const inInfra = entity(
      'Component',
      'billing',
      { owner: 'team-billing' },
      { namespace: 'infra' },
    );
    const outcome = await outcomeOf(check, inInfra, context);
    expect(outcome).toMatchObject({
      status: 'fail',
      message: 'Owner group:infra/team-billing does not exist in the catalog',
    });
    const opsOwned = entity(
      'Component',
      'billing',
      { owner: 'ops' },
      { namespace: 'infra' },
    );
    await expect(outcomeOf(check, opsOwned, context)).resolves.toMatchObject({
      status: 'pass',
    });
  });

  it('fails when the owner is not a valid reference', async () => {
    await expect(
      outcomeOf(check, component('billing', { owner: 'group:' }), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message: "Owner 'group:' is not a valid entity reference",
    });
  });

  it('is not applicable without an owner or for unowned kinds', async () => {
    await expect(
      outcomeOf(check, component('billing'), context),
    ).resolves.toMatchObject({ status: 'not-applicable' });
    await expect(
      outcomeOf(check, group('team-a', 'ghost'), context),
    ).resolves.toMatchObject({ status: 'not-applicable' });
  });
});
