import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { InMemoryCatalogIndex } from '../catalog/InMemoryCatalogIndex';
import { group, system, user } from '../testing/testBackend';
import {
  affectedByChanges,
  fanOutView,
  type RelatedChange,
} from './affectedByChanges';

const component = (name: string, spec: Record<string, unknown>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { a: 'b' } },
  spec: { type: 'service', lifecycle: 'production', ...spec },
});

// acme ─┬─ team-a ── team-a1
//       └─ team-b          loop-1 ⇄ loop-2
const catalog: Entity[] = [
  group('acme'),
  group('team-a', 'acme'),
  group('team-a1', 'team-a'),
  group('team-b', 'acme'),
  group('loop-1', 'loop-2'),
  group('loop-2', 'loop-1'),
  user('alice', 'team-a1'),
  {
    // Membership known from a relation only, as an org provider may set it.
    ...user('bob', 'none'),
    spec: {},
    relations: [{ type: 'memberOf', targetRef: 'group:default/team-b' }],
  },
  system('shop', 'team-b'),
  component('by-acme', { owner: 'acme' }),
  component('by-team-a', { owner: 'group:default/team-a' }),
  component('by-team-a1', { owner: 'team-a1' }),
  component('by-team-b', { owner: 'team-b' }),
  component('by-alice', { owner: 'user:alice' }),
  component('by-loop-1', { owner: 'loop-1' }),
  component('in-shop', { owner: 'acme', system: 'shop' }),
  component('unowned', { owner: 42 }),
];
const kinds = ['component', 'system'];
const index = InMemoryCatalogIndex.fromEntities(catalog);

const affected = (changes: RelatedChange[], on = index) =>
  [...affectedByChanges(on, changes, kinds)].sort();

describe('affectedByChanges', () => {
  it('a group: what it, its ancestors and its descendants own', () => {
    expect(affected([{ ref: 'group:default/team-a', kind: 'group' }])).toEqual([
      'component:default/by-acme',
      'component:default/by-team-a',
      'component:default/by-team-a1',
      'component:default/in-shop',
    ]);
  });

  it("a group: what its former parent's chain owns", () => {
    // team-b is where team-a1 was before it moved under team-a.
    expect(
      affected([
        {
          ref: 'group:default/team-a1',
          kind: 'group',
          previousReferences: [
            { type: 'childOf', targetRef: 'group:default/team-b' },
            // Not followed: hierarchy comes from spec.parent, membership from spec.memberOf.
            { type: 'parentOf', targetRef: 'group:default/loop-1' },
            { type: 'hasMember', targetRef: 'user:default/alice' },
          ],
        },
      ]),
    ).toEqual([
      'component:default/by-acme',
      'component:default/by-team-a',
      'component:default/by-team-a1',
      'component:default/by-team-b',
      'component:default/in-shop',
      'system:default/shop',
    ]);
  });

  it('a user: what it, its groups (by spec or relation) and their ancestors own, and its former groups', () => {
    expect(affected([{ ref: 'user:default/alice', kind: 'user' }])).toEqual([
      'component:default/by-acme',
      'component:default/by-alice',
      'component:default/by-team-a',
      'component:default/by-team-a1',
      'component:default/in-shop',
    ]);
    expect(
      affected([
        {
          ref: 'user:default/bob',
          kind: 'user',
          previousReferences: [
            { type: 'memberOf', targetRef: 'group:default/loop-2' },
          ],
        },
      ]),
    ).toEqual([
      'component:default/by-acme',
      'component:default/by-loop-1',
      'component:default/by-team-b',
      'component:default/in-shop',
      'system:default/shop',
    ]);
  });

  it('a system: the entities in it', () => {
    expect(affected([{ ref: 'system:default/shop', kind: 'system' }])).toEqual([
      'component:default/in-shop',
    ]);
  });

  it('ends on cyclic parents, and affects nothing for other kinds or former refs of unknown entities', () => {
    expect(affected([{ ref: 'group:default/loop-1', kind: 'group' }])).toEqual([
      'component:default/by-loop-1',
    ]);
    expect(
      affected([
        { ref: 'component:default/by-acme', kind: 'component' },
        {
          ref: 'user:default/nobody',
          kind: 'user',
          previousReferences: [
            { type: 'memberOf', targetRef: 'group:default/gone' },
          ],
        },
      ]),
    ).toEqual([]);
  });

  it('a deleted group: computed on the index from before the deletion', () => {
    const after = InMemoryCatalogIndex.fromEntities(
      catalog.filter(e => e.metadata.name !== 'team-a'),
    );
    const deleted = { ref: 'group:default/team-a', kind: 'group' };
    // In the index after, the chain stops at team-a: what acme owns would be missed.
    expect(affected([deleted], after)).toEqual([
      'component:default/by-team-a',
      'component:default/by-team-a1',
    ]);
    expect(affected([deleted], index)).toEqual([
      'component:default/by-acme',
      'component:default/by-team-a',
      'component:default/by-team-a1',
      'component:default/in-shop',
    ]);
  });
});

describe('fanOutView', () => {
  it('keeps only what the fan-out reads, and gives the same answers', () => {
    const view = InMemoryCatalogIndex.fromEntities(catalog.map(fanOutView));
    for (const entity of catalog) {
      const change = {
        ref: stringifyEntityRef(entity),
        kind: entity.kind.toLocaleLowerCase('en-US'),
      };
      expect(affected([change], view)).toEqual(affected([change]));
    }
    expect(
      fanOutView(component('x', { owner: 'acme', system: 'shop' })),
    ).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x', namespace: 'default' },
      spec: { owner: 'acme', system: 'shop' },
    });
  });
});
