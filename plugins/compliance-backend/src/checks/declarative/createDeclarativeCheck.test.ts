import type {
  DeclarativeCheckDefinition,
  DeclarativeRule,
} from '@runway/plugin-compliance-common';
import { component, createTestContext, entity, outcomeOf } from '../testUtils';
import { createDeclarativeCheck } from './createDeclarativeCheck';

const context = createTestContext();

function checkWith(
  rule: DeclarativeRule,
  extra: Partial<DeclarativeCheckDefinition> = {},
) {
  return createDeclarativeCheck({
    id: 'custom.check',
    title: 'Custom',
    rule,
    ...extra,
  });
}

const billing = component(
  'billing',
  { owner: 'team-billing', replicas: 3, public: false, tags: undefined },
  {
    'pagerduty.com/service-id': 'P123',
    'backstage.io/techdocs-ref': 'dir:.',
    empty: '',
  },
);
billing.metadata.labels = { tier: '1' };
billing.metadata.tags = ['java', 'payments'];

describe('createDeclarativeCheck', () => {
  it('takes id, title and description from the definition', () => {
    const check = checkWith(
      { type: 'presence', field: 'spec.owner' },
      { description: 'Owned.' },
    );
    expect(check).toMatchObject({
      id: 'custom.check',
      title: 'Custom',
      description: 'Owned.',
    });
    expect(
      checkWith({ type: 'one-of', field: 'spec.lifecycle', values: ['a', 1] })
        .description,
    ).toBe("spec.lifecycle is one of 'a', 1.");
  });

  describe('presence', () => {
    const check = checkWith({
      type: 'presence',
      field: 'metadata.annotations.pagerduty.com/service-id',
    });

    it('passes when the field has a value, reading dotted keys', async () => {
      await expect(outcomeOf(check, billing, context)).resolves.toEqual({
        status: 'pass',
        message:
          "metadata.annotations.pagerduty.com/service-id is set to 'P123'",
      });
    });

    it('fails naming the missing field, with a default remediation', async () => {
      await expect(
        outcomeOf(check, component('other'), context),
      ).resolves.toEqual({
        status: 'fail',
        message: 'metadata.annotations.pagerduty.com/service-id is missing',
        remediation:
          "Set metadata.annotations.pagerduty.com/service-id in the entity's catalog-info.yaml.",
      });
    });

    it('fails for empty values', async () => {
      for (const field of ['metadata.annotations.empty', 'spec.nothing']) {
        const emptyCheck = checkWith({ type: 'presence', field });
        const target = component('x', { nothing: [] }, { empty: '' });
        await expect(
          outcomeOf(emptyCheck, target, context),
        ).resolves.toMatchObject({
          status: 'fail',
          message: `${field} is empty`,
        });
      }
    });

    it('uses the remediation of the definition', async () => {
      const withRemediation = checkWith(
        { type: 'presence', field: 'spec.system' },
        { remediation: 'Ask #platform which system to use.' },
      );
      await expect(
        outcomeOf(withRemediation, billing, context),
      ).resolves.toMatchObject({
        remediation: 'Ask #platform which system to use.',
      });
    });
  });

  describe('equality', () => {
    it('passes equal values and fails others, naming both', async () => {
      const check = checkWith({
        type: 'equality',
        field: 'spec.type',
        value: 'service',
      });
      await expect(outcomeOf(check, billing, context)).resolves.toEqual({
        status: 'pass',
        message: "spec.type is 'service'",
      });
      await expect(
        outcomeOf(check, component('lib', { type: 'library' }), context),
      ).resolves.toEqual({
        status: 'fail',
        message: "spec.type is 'library'; expected 'service'",
        remediation:
          "Set spec.type to 'service' in the entity's catalog-info.yaml.",
      });
      await expect(
        outcomeOf(check, entity('Component', 'bare'), context),
      ).resolves.toMatchObject({
        status: 'fail',
        message: "spec.type is missing; expected 'service'",
      });
    });

    it('compares numbers and booleans with their text', async () => {
      const tier = checkWith({
        type: 'equality',
        field: 'metadata.labels.tier',
        value: 1,
      });
      await expect(outcomeOf(tier, billing, context)).resolves.toMatchObject({
        status: 'pass',
      });
      const replicas = checkWith({
        type: 'equality',
        field: 'spec.replicas',
        value: 2,
      });
      await expect(
        outcomeOf(replicas, billing, context),
      ).resolves.toMatchObject({
        status: 'fail',
        message: 'spec.replicas is 3; expected 2',
      });
      const isPublic = checkWith({
        type: 'equality',
        field: 'spec.public',
        value: false,
      });
      await expect(
        outcomeOf(isPublic, billing, context),
      ).resolves.toMatchObject({
        status: 'pass',
      });
    });

    it('never equals a list or object', async () => {
      const check = checkWith({
        type: 'equality',
        field: 'metadata.tags',
        value: 'java',
      });
      await expect(outcomeOf(check, billing, context)).resolves.toMatchObject({
        status: 'fail',
        message: 'metadata.tags is ["java","payments"]; expected \'java\'',
      });
    });
  });

  describe('regex', () => {
    const check = checkWith({
      type: 'regex',
      field: 'metadata.annotations.pagerduty.com/service-id',
      pattern: '^P[0-9]{3}$',
    });

    it('passes matching strings', async () => {
      await expect(outcomeOf(check, billing, context)).resolves.toEqual({
        status: 'pass',
        message:
          "metadata.annotations.pagerduty.com/service-id is 'P123', which matches /^P[0-9]{3}$/",
      });
    });

    it('fails other strings, missing values and lists', async () => {
      const other = component('x', {}, { 'pagerduty.com/service-id': 'none' });
      await expect(outcomeOf(check, other, context)).resolves.toEqual({
        status: 'fail',
        message:
          "metadata.annotations.pagerduty.com/service-id is 'none', which does not match /^P[0-9]{3}$/",
        remediation:
          "Set metadata.annotations.pagerduty.com/service-id to a value matching /^P[0-9]{3}$/ in the entity's catalog-info.yaml.",
      });
      await expect(
        outcomeOf(check, component('y'), context),
      ).resolves.toMatchObject({
        status: 'fail',
        message:
          'metadata.annotations.pagerduty.com/service-id is missing; expected a value matching /^P[0-9]{3}$/',
      });
      const tags = checkWith({
        type: 'regex',
        field: 'metadata.tags',
        pattern: 'java',
      });
      await expect(outcomeOf(tags, billing, context)).resolves.toMatchObject({
        status: 'fail',
        message:
          'metadata.tags is a list (["java","payments"]); expected a value matching /java/',
      });
    });
  });

  describe('one-of', () => {
    const check = checkWith({
      type: 'one-of',
      field: 'spec.lifecycle',
      values: ['production', 'experimental'],
    });

    it('passes listed values and fails others, naming them', async () => {
      await expect(outcomeOf(check, billing, context)).resolves.toEqual({
        status: 'pass',
        message: "spec.lifecycle is 'production'",
      });
      await expect(
        outcomeOf(check, component('x', { lifecycle: 'beta' }), context),
      ).resolves.toEqual({
        status: 'fail',
        message:
          "spec.lifecycle is 'beta', which is not one of 'production', 'experimental'",
        remediation:
          "Set spec.lifecycle to one of 'production', 'experimental' in the entity's catalog-info.yaml.",
      });
      await expect(
        outcomeOf(check, entity('Component', 'bare'), context),
      ).resolves.toMatchObject({
        message:
          "spec.lifecycle is missing; expected one of 'production', 'experimental'",
      });
    });

    it('compares numbers with their text', async () => {
      const tier = checkWith({
        type: 'one-of',
        field: 'metadata.labels.tier',
        values: [1, 2],
      });
      await expect(outcomeOf(tier, billing, context)).resolves.toMatchObject({
        status: 'pass',
      });
    });
  });

  describe('count', () => {
    it('counts list entries between min and max', async () => {
      const check = checkWith({
        type: 'count',
        field: 'metadata.tags',
        min: 1,
        max: 3,
      });
      await expect(outcomeOf(check, billing, context)).resolves.toEqual({
        status: 'pass',
        message: 'metadata.tags has 2 entries, between 1 and 3 as required',
      });
      const many = component('x');
      many.metadata.tags = ['a', 'b', 'c', 'd'];
      await expect(outcomeOf(check, many, context)).resolves.toEqual({
        status: 'fail',
        message: 'metadata.tags has 4 entries; expected between 1 and 3',
        remediation:
          "Give metadata.tags between 1 and 3 entries in the entity's catalog-info.yaml.",
      });
    });

    it('counts a missing field as 0 entries', async () => {
      const atLeastOne = checkWith({
        type: 'count',
        field: 'spec.dependsOn',
        min: 1,
      });
      await expect(
        outcomeOf(atLeastOne, billing, context),
      ).resolves.toMatchObject({
        status: 'fail',
        message: 'spec.dependsOn is missing (0 entries); expected at least 1',
      });
      const atMostTwo = checkWith({
        type: 'count',
        field: 'spec.dependsOn',
        max: 2,
      });
      await expect(
        outcomeOf(atMostTwo, billing, context),
      ).resolves.toMatchObject({ status: 'pass' });
    });

    it('counts object keys', async () => {
      const check = checkWith({
        type: 'count',
        field: 'metadata.annotations',
        max: 1,
      });
      await expect(outcomeOf(check, billing, context)).resolves.toMatchObject({
        status: 'fail',
        message: 'metadata.annotations has 3 entries; expected at most 1',
      });
    });

    it('fails a scalar, which has no entries to count', async () => {
      const check = checkWith({ type: 'count', field: 'spec.owner', min: 1 });
      await expect(outcomeOf(check, billing, context)).resolves.toMatchObject({
        status: 'fail',
        message:
          "spec.owner is a string ('team-billing'), not a list whose entries can be counted; expected at least 1 entries",
      });
    });
  });

  describe('appliesTo', () => {
    const check = checkWith(
      { type: 'presence', field: 'spec.owner' },
      {
        appliesTo: {
          kind: ['component', 'API'],
          type: ['service', 'website'],
          lifecycle: ['production'],
        },
      },
    );

    it('applies to matching entities, comparing kinds case-insensitively', async () => {
      await expect(outcomeOf(check, billing, context)).resolves.toMatchObject({
        status: 'pass',
      });
    });

    it('is not applicable to other kinds, types or lifecycles', async () => {
      await expect(
        outcomeOf(check, entity('Group', 'team'), context),
      ).resolves.toEqual({
        status: 'not-applicable',
        message: 'Applies only to kind component, API; this entity is a Group',
      });
      await expect(
        outcomeOf(check, component('lib', { type: 'library' }), context),
      ).resolves.toEqual({
        status: 'not-applicable',
        message:
          "Applies only to spec.type service, website; this entity has spec.type 'library'",
      });
      await expect(
        outcomeOf(check, entity('API', 'bare'), context),
      ).resolves.toEqual({
        status: 'not-applicable',
        message:
          'Applies only to spec.type service, website; this entity has no spec.type',
      });
      await expect(
        outcomeOf(
          check,
          component('old', { lifecycle: 'deprecated' }),
          context,
        ),
      ).resolves.toEqual({
        status: 'not-applicable',
        message:
          "Applies only to spec.lifecycle production; this entity has spec.lifecycle 'deprecated'",
      });
    });
  });
});
