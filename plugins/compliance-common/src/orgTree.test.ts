import { flattenOrgTree, nestOrgTree, type OrgTreeNode } from './orgTree';

const node = (groupRef: string, children: OrgTreeNode[] = []) => ({
  groupRef,
  title: groupRef,
  percentCompliant: 100,
  entityCount: 0,
  compliantCount: 0,
  children,
});

describe('the organisation tree as a flat list', () => {
  const tree = [
    node('group:default/acme', [
      node('group:default/eng', [node('group:default/team-a')]),
      node('group:default/ops'),
    ]),
    node('group:default/other'),
  ];

  it('lists parents before their children, each with its parent', () => {
    expect(flattenOrgTree(tree).map(g => [g.groupRef, g.parentRef])).toEqual([
      ['group:default/acme', undefined],
      ['group:default/eng', 'group:default/acme'],
      ['group:default/team-a', 'group:default/eng'],
      ['group:default/ops', 'group:default/acme'],
      ['group:default/other', undefined],
    ]);
  });

  it('nests the list back into the same tree', () => {
    expect(nestOrgTree(flattenOrgTree(tree))).toEqual(tree);
  });

  it('makes a group whose parent is not listed a root', () => {
    const [, ...withoutRoot] = flattenOrgTree(tree);
    expect(nestOrgTree(withoutRoot).map(n => n.groupRef)).toEqual([
      'group:default/eng',
      'group:default/ops',
      'group:default/other',
    ]);
  });
});
