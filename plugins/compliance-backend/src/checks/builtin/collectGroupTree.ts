import type { CatalogIndex } from '@runway/plugin-compliance-node';

/**
 * The group and all groups below it (children, grandchildren, …), each once. A visited set
 * keeps cyclic `spec.parent` data from looping forever.
 *
 * @internal
 */
export function collectGroupTree(
  catalog: CatalogIndex,
  groupRef: string,
): string[] {
  const visited = new Set<string>([groupRef]);
  const queue = [groupRef];
  // The queue only grows; walking it by index avoids O(n) shifts on large orgs.
  for (let i = 0; i < queue.length; i++) {
    const group = queue[i];
    for (const child of catalog.childGroupsOf(group)) {
      if (!visited.has(child)) {
        visited.add(child);
        queue.push(child);
      }
    }
  }
  return [...visited];
}
