import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { OrgTreeNode } from '@runway/plugin-compliance-common';
import type { CatalogIndex } from '@runway/plugin-compliance-node';
import type { OwnerCounts } from '../database/ReportStore';
import { percentCompliant } from './percentCompliant';

function isGroup(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'group';
}

function titleOf(group: Entity): string {
  const profile = group.spec?.profile as { displayName?: unknown } | undefined;
  if (group.metadata.title) return group.metadata.title;
  if (typeof profile?.displayName === 'string' && profile.displayName) {
    return profile.displayName;
  }
  return group.metadata.name;
}

/**
 * The group hierarchy of the catalog with, per group, the counts of the entities owned by
 * it and every group below it.
 *
 * Roots are the groups without a parent in the catalog. `spec.parent` may form cycles,
 * which the catalog does not prevent: each group appears exactly once, and a cycle with no
 * way up to a root is shown under its first group by ref.
 *
 * @internal
 */
export function buildOrgTree(
  index: CatalogIndex,
  counts: OwnerCounts[],
): OrgTreeNode[] {
  const groups = new Map<string, Entity>();
  for (const entity of index.all()) {
    if (isGroup(entity)) groups.set(stringifyEntityRef(entity), entity);
  }
  const own = new Map<string, OwnerCounts>();
  for (const count of counts) {
    if (count.ownerRef)
      own.set(count.ownerRef.toLocaleLowerCase('en-US'), count);
  }

  const hasParent = (group: Entity) => {
    const parent = group.spec?.parent;
    const parentRef =
      typeof parent === 'string'
        ? index.resolveRef(parent, {
            defaultKind: 'group',
            defaultNamespace: group.metadata.namespace ?? 'default',
          })
        : undefined;
    return parentRef !== undefined && groups.has(parentRef);
  };

  const placed = new Set<string>();
  const build = (groupRef: string): OrgTreeNode => {
    placed.add(groupRef);
    const children: OrgTreeNode[] = [];
    for (const childRef of index.childGroupsOf(groupRef)) {
      if (!placed.has(childRef) && groups.has(childRef)) {
        children.push(build(childRef));
      }
    }
    children.sort(byTitle);
    let entityCount = own.get(groupRef)?.entityCount ?? 0;
    let compliantCount = own.get(groupRef)?.compliantCount ?? 0;
    for (const child of children) {
      entityCount += child.entityCount;
      compliantCount += child.compliantCount;
    }
    return {
      groupRef,
      title: titleOf(groups.get(groupRef)!),
      percentCompliant: percentCompliant(compliantCount, entityCount),
      entityCount,
      compliantCount,
      children,
    };
  };

  const refs = [...groups.keys()].sort();
  const roots = refs
    .filter(ref => !hasParent(groups.get(ref)!))
    .map(ref => build(ref));
  // What is left hangs off a cycle.
  for (const ref of refs) {
    if (!placed.has(ref)) roots.push(build(ref));
  }
  return roots.sort(byTitle);
}

function byTitle(a: OrgTreeNode, b: OrgTreeNode): number {
  return a.title.localeCompare(b.title) || a.groupRef.localeCompare(b.groupRef);
}
