import type { components } from './schema/openapi';

/**
 * A group of the organisation tree as the API lists it: flat, with its parent. The counts
 * cover the entities owned by the group and by every group below it.
 *
 * @public
 */
export type OrgTreeGroup = components['schemas']['OrgTreeGroup'];

/** A group of the organisation tree with the groups below it. @public */
export type OrgTreeNode = Omit<OrgTreeGroup, 'parentRef'> & {
  children: OrgTreeNode[];
};

/**
 * The tree of the flat list the API returns: each group under its parent, in list order; a
 * group whose parent is not in the list is a root.
 *
 * @public
 */
export function nestOrgTree(groups: OrgTreeGroup[]): OrgTreeNode[] {
  const nodes = new Map<string, OrgTreeNode>();
  for (const { parentRef: _parent, ...group } of groups) {
    nodes.set(group.groupRef, { ...group, children: [] });
  }
  const roots: OrgTreeNode[] = [];
  for (const group of groups) {
    const node = nodes.get(group.groupRef)!;
    const parent = group.parentRef ? nodes.get(group.parentRef) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * The flat list of a tree, parents before their children, as the API returns it.
 *
 * @public
 */
export function flattenOrgTree(
  nodes: OrgTreeNode[],
  parentRef?: string,
): OrgTreeGroup[] {
  return nodes.flatMap(({ children, ...group }) => [
    parentRef ? { ...group, parentRef } : group,
    ...flattenOrgTree(children, group.groupRef),
  ]);
}
