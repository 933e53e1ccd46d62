import type { CatalogIndex } from '@runway/plugin-compliance-node';

/**
 * The group and every group below it. Guards against cycles in `spec.parent`, which the
 * catalog does not prevent.
 *
 * @internal
 */
export function descendantGroups(
  index: CatalogIndex,
  groupRef: string,
): Set<string> {
  const root =
    index.resolveRef(groupRef, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    }) ?? groupRef;
  const seen = new Set<string>([root]);
  const queue = [root];
  while (queue.length) {
    for (const child of index.childGroupsOf(queue.shift()!)) {
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  return seen;
}
