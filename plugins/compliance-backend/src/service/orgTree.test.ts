import type { Entity } from '@backstage/catalog-model';
import { InMemoryCatalogIndex } from '../catalog/InMemoryCatalogIndex';
import { buildOrgTree } from './orgTree';
import type { OrgTreeNode } from '@runway/plugin-compliance-common';

const group = (
  name: string,
  parent?: string,
  extra: { title?: string; displayName?: string } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title: extra.title },
  spec: {
    type: 'team',
    children: [],
    ...(parent ? { parent } : {}),
    ...(extra.displayName
      ? { profile: { displayName: extra.displayName } }
      : {}),
  },
});

/** groupRef -> [entityCount, compliantCount, percent], children nested. */
function summary(nodes: OrgTreeNode[]): unknown {
  return nodes.map(node => [
    node.groupRef,
    node.entityCount,
    node.compliantCount,
    node.percentCompliant,
    summary(node.children),
  ]);
}

describe('buildOrgTree', () => {
  it('adds up the counts of every group below a group', () => {
    const index = InMemoryCatalogIndex.fromEntities([
      group('acme'),
      group('eng', 'acme'),
      group('team-a', 'eng'),
      group('team-b', 'group:default/eng'),
      group('sales', 'acme'),
      group('other-org'),
    ]);
    const tree = buildOrgTree(index, [
      { ownerRef: 'group:default/acme', entityCount: 1, compliantCount: 1 },
      { ownerRef: 'group:default/team-a', entityCount: 3, compliantCount: 1 },
      { ownerRef: 'group:default/team-b', entityCount: 2, compliantCount: 2 },
      { ownerRef: 'group:default/eng', entityCount: 1, compliantCount: 0 },
      // Not groups, or not in the catalog: in no group's numbers.
      { ownerRef: 'user:default/alice', entityCount: 5, compliantCount: 5 },
      { ownerRef: 'group:default/ghost', entityCount: 4, compliantCount: 0 },
      { ownerRef: null, entityCount: 2, compliantCount: 0 },
    ]);

    expect(summary(tree)).toEqual([
      [
        'group:default/acme',
        7,
        4,
        57.1,
        [
          [
            'group:default/eng',
            6,
            3,
            50,
            [
              ['group:default/team-a', 3, 1, 33.3, []],
              ['group:default/team-b', 2, 2, 100, []],
            ],
          ],
          ['group:default/sales', 0, 0, 100, []],
        ],
      ],
      ['group:default/other-org', 0, 0, 100, []],
    ]);
  });

  it('titles a group by its title, its display name or its name, and sorts by title', () => {
    const index = InMemoryCatalogIndex.fromEntities([
      group('z-team', undefined, { title: 'Alpha team' }),
      group('y-team', undefined, { displayName: 'Beta team' }),
      group('c-team'),
    ]);
    expect(buildOrgTree(index, []).map(n => n.title)).toEqual([
      'Alpha team',
      'Beta team',
      'c-team',
    ]);
  });

  it('treats a group whose parent is not in the catalog as a root', () => {
    const index = InMemoryCatalogIndex.fromEntities([group('team-a', 'gone')]);
    expect(buildOrgTree(index, []).map(n => n.groupRef)).toEqual([
      'group:default/team-a',
    ]);
  });

  it('shows each group of a parent cycle once and counts it once', () => {
    const index = InMemoryCatalogIndex.fromEntities([
      group('a', 'b'),
      group('b', 'a'),
      group('c', 'a'),
      group('self', 'self'),
    ]);
    const tree = buildOrgTree(index, [
      { ownerRef: 'group:default/a', entityCount: 1, compliantCount: 1 },
      { ownerRef: 'group:default/b', entityCount: 1, compliantCount: 0 },
      { ownerRef: 'group:default/c', entityCount: 2, compliantCount: 2 },
      { ownerRef: 'group:default/self', entityCount: 1, compliantCount: 0 },
    ]);
    expect(summary(tree)).toEqual([
      [
        'group:default/a',
        4,
        3,
        75,
        [
          ['group:default/b', 1, 0, 0, []],
          ['group:default/c', 2, 2, 100, []],
        ],
      ],
      ['group:default/self', 1, 0, 0, []],
    ]);
  });
});
