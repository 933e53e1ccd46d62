import { lookupField } from './lookupField';

describe('lookupField', () => {
  const entity = {
    kind: 'Component',
    metadata: {
      name: 'billing',
      tags: ['java', 'payments'],
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        'pagerduty.com/service-id': 'P123',
        'github.com/project-slug': 'acme/billing',
        github: 'unrelated',
      },
      links: [{ url: 'https://runbook', title: 'Runbook' }],
    },
    spec: { owner: 'team-billing', 'a.b': { c: 1 }, a: { b: { d: 2 } } },
  };

  it('follows plain dot paths', () => {
    expect(lookupField(entity, 'spec.owner')).toBe('team-billing');
    expect(lookupField(entity, 'metadata.name')).toBe('billing');
    expect(lookupField(entity, 'metadata')).toBe(entity.metadata);
  });

  it('reads keys that contain dots, preferring the longest key', () => {
    expect(
      lookupField(entity, 'metadata.annotations.backstage.io/techdocs-ref'),
    ).toBe('dir:.');
    expect(
      lookupField(entity, 'metadata.annotations.pagerduty.com/service-id'),
    ).toBe('P123');
    expect(
      lookupField(entity, 'metadata.annotations.github.com/project-slug'),
    ).toBe('acme/billing');
    expect(lookupField(entity, 'spec.a.b.c')).toBe(1);
  });

  it('falls back to shorter keys when the longest leads nowhere', () => {
    expect(lookupField(entity, 'spec.a.b.d')).toBe(2);
  });

  it('indexes lists', () => {
    expect(lookupField(entity, 'metadata.tags.1')).toBe('payments');
    expect(lookupField(entity, 'metadata.links.0.url')).toBe('https://runbook');
    expect(lookupField(entity, 'metadata.tags.5')).toBeUndefined();
  });

  it('is undefined for absent fields and never reaches prototypes', () => {
    expect(lookupField(entity, 'spec.system')).toBeUndefined();
    expect(lookupField(entity, 'spec.owner.name')).toBeUndefined();
    expect(
      lookupField(entity, 'metadata.annotations.pagerduty.com'),
    ).toBeUndefined();
    expect(lookupField(entity, 'constructor')).toBeUndefined();
    expect(lookupField(entity, 'spec.__proto__')).toBeUndefined();
    expect(lookupField(entity, 'metadata.tags.length')).toBeUndefined();
  });
});
