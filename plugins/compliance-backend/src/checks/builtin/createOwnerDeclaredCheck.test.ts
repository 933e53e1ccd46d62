import {
  component,
  createTestContext,
  entity,
  group,
  outcomeOf,
} from '../testUtils';
import { createOwnerDeclaredCheck } from './createOwnerDeclaredCheck';

describe('ownership.owner-declared', () => {
  const check = createOwnerDeclaredCheck();
  const context = createTestContext();

  it('passes when spec.owner is a non-empty string', async () => {
    await expect(
      outcomeOf(
        check,
        component('billing', { owner: 'team-billing' }),
        context,
      ),
    ).resolves.toEqual({
      status: 'pass',
      message: "Owner is declared as 'team-billing'",
    });
  });

  it.each([
    [undefined, 'spec.owner is missing'],
    ['', 'spec.owner is empty'],
    ['   ', 'spec.owner is empty'],
    [42, 'spec.owner is a number (42), not an entity reference'],
    [['a', 'b'], 'spec.owner is a list (["a","b"]), not an entity reference'],
  ])('fails when spec.owner is %j', async (owner, message) => {
    const outcome = await outcomeOf(
      check,
      component('billing', { owner }),
      context,
    );
    expect(outcome).toEqual({
      status: 'fail',
      message,
      remediation: expect.stringContaining('Set spec.owner'),
    });
  });

  it.each(['API', 'Resource', 'System', 'Domain', 'Template', 'component'])(
    'applies to kind %s',
    async kind => {
      const outcome = await outcomeOf(check, entity(kind, 'x'), context);
      expect(outcome.status).toBe('fail');
    },
  );

  it.each(['Group', 'User', 'Location'])(
    'does not apply to kind %s',
    async kind => {
      const outcome = await outcomeOf(check, entity(kind, 'x'), context);
      expect(outcome).toEqual({
        status: 'not-applicable',
        message: `Kind ${kind} is not checked; the check applies to Component, API, Resource, System, Domain, Template`,
      });
    },
  );

  it('does not look at the catalog', async () => {
    const outcome = await outcomeOf(
      check,
      component('billing', { owner: 'ghost' }),
      createTestContext({ entities: [group('team-billing')] }),
    );
    expect(outcome.status).toBe('pass');
  });
});
