import type { OrgTreeNode } from '@runway/plugin-compliance-common';

/** A group as an option of the owner filter. @internal */
export type GroupOption = { groupRef: string; title: string; depth: number };

/**
 * The groups of the organisation tree in tree order, each with its depth, for a list
 * that shows the hierarchy by indentation.
 *
 * @internal
 */
export function flattenGroups(nodes: OrgTreeNode[], depth = 0): GroupOption[] {
  return nodes.flatMap(node => [
    { groupRef: node.groupRef, title: node.title, depth },
    ...flattenGroups(node.children, depth + 1),
  ]);
}
