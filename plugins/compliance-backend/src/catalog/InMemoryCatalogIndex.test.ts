import type { Entity } from '@backstage/catalog-model';
import { InMemoryCatalogIndex } from './InMemoryCatalogIndex';

function entity(
  kind: string,
  name: string,
  spec: Record<string, unknown> = {},
  namespace?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}) },
    // Tests feed malformed data (undefined, numbers…) on purpose.
    spec: spec as Entity['spec'],
  };
}

describe('InMemoryCatalogIndex', () => {
  const entities = [
    entity('Group', 'org', { type: 'organization' }),
    entity('Group', 'Team-A', { type: 'team', parent: 'org' }),
    entity('Group', 'team-b', { type: 'team', parent: 'group:default/org' }),
    entity('Group', 'ops', { type: 'team', parent: 'org' }, 'infra'),
    entity('Group', 'sre', { type: 'team', parent: 'default/org' }, 'infra'),
    entity('User', 'jane', { memberOf: ['team-a', 'Team-B', 'team-a'] }),
    entity('User', 'joe', { memberOf: ['group:default/team-a'] }),
    entity('User', 'kim', { memberOf: ['ops'] }, 'infra'),
    entity('User', 'broken', { memberOf: 'team-a' }),
    entity('Component', 'billing', { owner: 'team-a' }),
  ];
  const index = InMemoryCatalogIndex.fromEntities(entities);

  it('looks entities up by full ref, case-insensitively', () => {
    expect(index.get('group:default/team-a')?.metadata.name).toBe('Team-A');
    expect(index.get('Group:Default/TEAM-A')?.metadata.name).toBe('Team-A');
    expect(index.get('group:infra/ops')?.metadata.namespace).toBe('infra');
    expect(index.get('group:default/ops')).toBeUndefined();
  });

  it('lists every entity once', () => {
    expect([...index.all()]).toHaveLength(entities.length);
    const withDuplicate = InMemoryCatalogIndex.fromEntities([
      entity('Group', 'a', { type: 'team' }),
      entity('Group', 'A', { type: 'other' }),
    ]);
    expect([...withDuplicate.all()]).toHaveLength(1);
    expect(withDuplicate.get('group:default/a')?.spec?.type).toBe('team');
  });

  it('resolves shorthand refs with the given defaults', () => {
    const defaults = { defaultKind: 'Group', defaultNamespace: 'default' };
    expect(index.resolveRef('team-a', defaults)).toBe('group:default/team-a');
    expect(index.resolveRef('Team-A', defaults)).toBe('group:default/team-a');
    expect(index.resolveRef('infra/ops', defaults)).toBe('group:infra/ops');
    expect(index.resolveRef('user:jane', defaults)).toBe('user:default/jane');
    expect(
      index.resolveRef('team-a', {
        defaultKind: 'system',
        defaultNamespace: 'Infra',
      }),
    ).toBe('system:infra/team-a');
  });

  it('returns undefined for refs that cannot be parsed', () => {
    const defaults = { defaultKind: 'group', defaultNamespace: 'default' };
    expect(index.resolveRef('', defaults)).toBeUndefined();
    expect(index.resolveRef('group:', defaults)).toBeUndefined();
    expect(index.resolveRef('group:default/', defaults)).toBeUndefined();
    expect(index.resolveRef(42 as unknown as string, defaults)).toBeUndefined();
  });

  it('precomputes child groups from spec.parent in the group namespace', () => {
    expect(index.childGroupsOf('group:default/org').sort()).toEqual([
      'group:default/team-a',
      'group:default/team-b',
      'group:infra/sre',
    ]);
    // `org` written in the infra namespace means group:infra/org.
    expect(index.childGroupsOf('group:infra/org')).toEqual(['group:infra/ops']);
    expect(index.childGroupsOf('group:default/team-a')).toEqual([]);
  });

  it('precomputes direct members from spec.memberOf in the user namespace', () => {
    expect(index.directMembersOf('group:default/team-a').sort()).toEqual([
      'user:default/jane',
      'user:default/joe',
    ]);
    expect(index.directMembersOf('group:default/team-b')).toEqual([
      'user:default/jane',
    ]);
    expect(index.directMembersOf('group:infra/ops')).toEqual([
      'user:infra/kim',
    ]);
    expect(index.directMembersOf('GROUP:default/Team-B')).toEqual([
      'user:default/jane',
    ]);
    expect(index.directMembersOf('group:default/org')).toEqual([]);
  });

  it('returns copies that callers cannot use to change the index', () => {
    index.directMembersOf('group:default/team-a').push('user:default/ghost');
    index.childGroupsOf('group:default/org').pop();
    expect(index.directMembersOf('group:default/team-a')).toHaveLength(2);
    expect(index.childGroupsOf('group:default/org')).toHaveLength(3);
  });
});
