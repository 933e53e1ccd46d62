import {
  component,
  createTestContext,
  entity,
  group,
  outcomeOf,
  user,
} from '../testUtils';
import { createSystemAssignedCheck } from './createSystemAssignedCheck';

describe('ownership.system-assigned', () => {
  const check = createSystemAssignedCheck();
  const system = (name: string, owner?: string) =>
    entity('System', name, owner ? { owner } : {});
  const context = createTestContext({
    entities: [
      group('org'),
      group('finance', 'org'),
      group('team-billing', 'finance'),
      group('team-payments', 'finance'),
      group('loop-a', 'loop-b'),
      group('loop-b', 'loop-a'),
      group('broken-parent', 'group:'),
      group('orphan', 'disbanded'),
      user('jane'),
      system('billing', 'team-billing'),
      system('payments', 'team-payments'),
      system('money', 'finance'),
      system('everything', 'group:default/org'),
      system('unowned'),
      system('loopy', 'loop-b'),
      system('janes', 'user:jane'),
      system('broken', 'broken-parent'),
      system('orphaned', 'orphan'),
      component('not-a-system'),
    ],
  });
  const part = (systemRef: unknown, owner: unknown = 'team-billing') =>
    component('invoices', { owner, system: systemRef });

  it('passes when the system has the same owner', async () => {
    await expect(outcomeOf(check, part('billing'), context)).resolves.toEqual({
      status: 'pass',
      message:
        'Part of System system:default/billing, which has the same owner group:default/team-billing',
    });
  });

  it('passes when the system is owned by an ancestor of the owner', async () => {
    await expect(outcomeOf(check, part('money'), context)).resolves.toEqual({
      status: 'pass',
      message:
        'Part of System system:default/money, owned by group:default/finance, a parent group of the owner group:default/team-billing',
    });
    await expect(
      outcomeOf(check, part('everything'), context),
    ).resolves.toMatchObject({ status: 'pass' });
  });

  it('fails when the system is owned by a sibling team, naming both', async () => {
    await expect(outcomeOf(check, part('payments'), context)).resolves.toEqual({
      status: 'fail',
      message:
        'System system:default/payments is owned by group:default/team-payments, which is neither the owner group:default/team-billing nor one of its parent groups (group:default/finance, group:default/org)',
      remediation: expect.stringContaining(
        'Move the entity to a System owned by group:default/team-billing',
      ),
    });
  });

  it('fails when the system is owned by a sub-team of the owner', async () => {
    await expect(
      outcomeOf(check, part('billing', 'finance'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'System system:default/billing is owned by group:default/team-billing, which is neither the owner group:default/finance nor one of its parent groups (group:default/org)',
    });
  });

  it('fails when spec.system is missing', async () => {
    await expect(
      outcomeOf(check, part(undefined), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'spec.system is missing, so the entity is not part of any System',
    });
  });

  it('fails naming a system that does not exist', async () => {
    await expect(outcomeOf(check, part('ledger'), context)).resolves.toEqual({
      status: 'fail',
      message: 'System system:default/ledger does not exist in the catalog',
      remediation: expect.stringContaining('Register system:default/ledger'),
    });
  });

  it('fails when spec.system is not a valid ref or not a System', async () => {
    await expect(
      outcomeOf(check, part('system:'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message: "spec.system 'system:' is not a valid entity reference",
    });
    await expect(
      outcomeOf(check, part('component:not-a-system'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'spec.system names component:default/not-a-system, which is a Component, not a System',
    });
  });

  it('fails when the system or the entity has no owner', async () => {
    await expect(
      outcomeOf(check, part('unowned'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        "System system:default/unowned declares no valid owner, so it cannot be matched with this entity's owner",
    });
    await expect(
      outcomeOf(check, part('billing', null), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'The entity declares no valid owner, so it cannot be matched with group:default/team-billing, the owner of System system:default/billing',
    });
  });

  it('compares owners that are users or missing groups by ref', async () => {
    await expect(
      outcomeOf(check, part('janes', 'user:jane'), context),
    ).resolves.toMatchObject({ status: 'pass' });
    await expect(
      outcomeOf(check, part('billing', 'ghost'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'System system:default/billing is owned by group:default/team-billing, which is neither the owner group:default/ghost nor a parent group of it (it has none)',
    });
  });

  it('terminates on cyclic parent chains', async () => {
    await expect(
      outcomeOf(check, part('loopy', 'loop-a'), context),
    ).resolves.toMatchObject({ status: 'pass' });
    await expect(
      outcomeOf(check, part('billing', 'loop-a'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'System system:default/billing is owned by group:default/team-billing, which is neither the owner group:default/loop-a nor one of its parent groups (group:default/loop-b)',
    });
  });

  it('still accepts the owner itself when its parent chain is broken', async () => {
    await expect(
      outcomeOf(check, part('broken', 'broken-parent'), context),
    ).resolves.toMatchObject({ status: 'pass' });
    await expect(
      outcomeOf(check, part('orphaned', 'orphan'), context),
    ).resolves.toMatchObject({ status: 'pass' });
    await expect(
      outcomeOf(check, part('money', 'orphan'), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'System system:default/money is owned by group:default/finance, which is neither the owner group:default/orphan nor a parent group of it (it has none)',
    });
  });

  it.each(['API', 'Resource'])('applies to %s', async kind => {
    const outcome = await outcomeOf(
      check,
      entity(kind, 'x', { owner: 'team-billing', system: 'billing' }),
      context,
    );
    expect(outcome.status).toBe('pass');
  });

  it.each(['System', 'Domain', 'Group', 'Template'])(
    'does not apply to %s',
    async kind => {
      const outcome = await outcomeOf(check, entity(kind, 'x'), context);
      expect(outcome).toEqual({
        status: 'not-applicable',
        message: `Kind ${kind} is not checked; the check applies to Component, API, Resource`,
      });
    },
  );
});
