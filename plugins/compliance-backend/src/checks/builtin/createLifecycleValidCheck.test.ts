import { component, createTestContext, entity, outcomeOf } from '../testUtils';
import { createLifecycleValidCheck } from './createLifecycleValidCheck';

describe('metadata.lifecycle-valid', () => {
  const check = createLifecycleValidCheck();
  const context = createTestContext();
  const withLifecycle = (lifecycle: unknown) =>
    component('billing', { lifecycle });

  it.each(['experimental', 'production', 'deprecated'])(
    'passes %s by default',
    async lifecycle => {
      await expect(
        outcomeOf(check, withLifecycle(lifecycle), context),
      ).resolves.toEqual({
        status: 'pass',
        message: `Lifecycle '${lifecycle}' is one of experimental, production, deprecated`,
      });
    },
  );

  it('fails an unknown lifecycle, naming it and the allowed ones', async () => {
    await expect(
      outcomeOf(check, withLifecycle('beta'), context),
    ).resolves.toEqual({
      status: 'fail',
      message:
        "Lifecycle 'beta' is not one of experimental, production, deprecated",
      remediation:
        'Set spec.lifecycle to one of experimental, production, deprecated.',
    });
    await expect(
      outcomeOf(check, withLifecycle('Production'), context),
    ).resolves.toMatchObject({ status: 'fail' });
    await expect(
      outcomeOf(check, withLifecycle(3), context),
    ).resolves.toMatchObject({
      status: 'fail',
      message: 'Lifecycle 3 is not one of experimental, production, deprecated',
    });
  });

  it.each([undefined, '', '  '])(
    'fails a missing lifecycle (%j)',
    async lifecycle => {
      await expect(
        outcomeOf(check, withLifecycle(lifecycle), context),
      ).resolves.toMatchObject({
        status: 'fail',
        message:
          'spec.lifecycle is missing; expected one of experimental, production, deprecated',
      });
    },
  );

  it('uses the lifecycles option', async () => {
    const custom = createTestContext({
      options: { lifecycles: ['alpha', 'ga'] },
    });
    await expect(
      outcomeOf(check, withLifecycle('ga'), custom),
    ).resolves.toMatchObject({ status: 'pass' });
    await expect(
      outcomeOf(check, withLifecycle('production'), custom),
    ).resolves.toMatchObject({
      status: 'fail',
      message: "Lifecycle 'production' is not one of alpha, ga",
    });
  });

  it.each([[[]], ['production'], [[1, 2]], [['ok', '']]])(
    'falls back to the defaults for a lifecycles option of %j',
    async lifecycles => {
      const misconfigured = createTestContext({ options: { lifecycles } });
      await expect(
        outcomeOf(check, withLifecycle('experimental'), misconfigured),
      ).resolves.toMatchObject({ status: 'pass' });
    },
  );

  it('applies to APIs but not to Resources (which have no lifecycle) or Systems', async () => {
    await expect(
      outcomeOf(check, entity('API', 'a', { lifecycle: 'beta' }), context),
    ).resolves.toMatchObject({ status: 'fail' });
    await expect(
      outcomeOf(check, entity('Resource', 'r'), context),
    ).resolves.toMatchObject({ status: 'not-applicable' });
    await expect(
      outcomeOf(check, entity('System', 's'), context),
    ).resolves.toMatchObject({ status: 'not-applicable' });
  });
});
