import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { entitySpecReferences } from './entitySpecReferences';

const entity = (
  kind: string,
  spec: JsonObject,
  namespace?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', ...(namespace ? { namespace } : {}) },
  spec,
});

describe('entitySpecReferences', () => {
  it('reads the fields of the builtin kinds with their default kinds', () => {
    expect(
      entitySpecReferences(
        entity('Component', {
          owner: 'team-a',
          system: 'shop',
          subcomponentOf: 'checkout',
          lifecycle: 'production',
        }),
      ),
    ).toEqual([
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
      { type: 'partOf', targetRef: 'component:default/checkout' },
      { type: 'partOf', targetRef: 'system:default/shop' },
    ]);
    expect(
      entitySpecReferences(
        entity('System', { owner: 'team-a', domain: 'commerce' }),
      ),
    ).toEqual([
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
      { type: 'partOf', targetRef: 'domain:default/commerce' },
    ]);
    expect(
      entitySpecReferences(
        entity('Group', {
          parent: 'engineering',
          children: ['platform-a', 'platform-b'],
          members: ['alice'],
        }),
      ),
    ).toEqual([
      { type: 'childOf', targetRef: 'group:default/engineering' },
      { type: 'hasMember', targetRef: 'user:default/alice' },
      { type: 'parentOf', targetRef: 'group:default/platform-a' },
      { type: 'parentOf', targetRef: 'group:default/platform-b' },
    ]);
    expect(
      entitySpecReferences(entity('User', { memberOf: ['team-a', 'team-b'] })),
    ).toEqual([
      { type: 'memberOf', targetRef: 'group:default/team-a' },
      { type: 'memberOf', targetRef: 'group:default/team-b' },
    ]);
  });

  it("writes full lower-case refs, in the entity's namespace unless one is given", () => {
    expect(
      entitySpecReferences(
        entity(
          'Component',
          { owner: 'user:Alice', system: 'other/Shop' },
          'Payments',
        ),
      ),
    ).toEqual([
      { type: 'ownedBy', targetRef: 'user:payments/alice' },
      { type: 'partOf', targetRef: 'system:other/shop' },
    ]);
  });

  it('reads Group and User fields only on Groups and Users', () => {
    expect(
      entitySpecReferences(
        entity('Component', { parent: 'x', memberOf: ['y'], members: ['z'] }),
      ),
    ).toEqual([]);
    expect(entitySpecReferences(entity('User', { parent: 'x' }))).toEqual([]);
  });

  it('skips values that are not references instead of throwing, and duplicates', () => {
    expect(
      entitySpecReferences(
        entity('User', {
          memberOf: [
            'team-a',
            'Team-A',
            42,
            null,
            { name: 'team-b' },
            '',
            '   ',
            'group:',
            ['nested'],
          ],
        }),
      ),
    ).toEqual([{ type: 'memberOf', targetRef: 'group:default/team-a' }]);
    expect(
      entitySpecReferences(entity('Component', { owner: 7, system: {} })),
    ).toEqual([]);
    expect(
      entitySpecReferences({
        kind: 'Group',
        metadata: {},
      } as unknown as Entity),
    ).toEqual([]);
    expect(
      entitySpecReferences({
        kind: 42,
        metadata: { namespace: 7 },
        spec: 'owner',
      } as unknown as Entity),
    ).toEqual([]);
  });
});
