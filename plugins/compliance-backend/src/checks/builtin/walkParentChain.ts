import type { CatalogIndex } from '@runway/plugin-compliance-node';
import { perIndexCache } from './perIndexCache';
import { resolveReference } from './resolveReference';

/**
 * How the `spec.parent` chain of a group ends. `chain` lists the full refs walked, starting
 * with the group itself.
 *
 * - `root`: the last group of the chain has no parent.
 * - `cycle`: the chain comes back to `repeated`, which is both in `chain` and its last entry.
 * - `dangling`: group `child` (the last of `chain`) names a `parent` that is not a valid
 *   reference (`invalid`), not in the catalog (`missing`), or not a Group (`not-a-group`).
 *
 * @internal
 */
export type ParentChain =
  | { end: 'root'; chain: readonly string[] }
  | { end: 'cycle'; chain: readonly string[]; repeated: string }
  | {
      end: 'dangling';
      chain: readonly string[];
      child: string;
      parent: string;
      reason: 'invalid' | 'missing' | 'not-a-group';
      parentKind?: string;
    };

/**
 * Follows `spec.parent` from a group that exists in the catalog up to a root, stopping at
 * the first group seen twice so that cyclic data cannot loop forever. Walked once per group
 * and index: the result is shared, so it is read-only.
 *
 * @internal
 */
export const walkParentChain: (
  catalog: CatalogIndex,
  groupRef: string,
) => ParentChain = perIndexCache(walk);

function walk(catalog: CatalogIndex, groupRef: string): ParentChain {
  const chain = [groupRef];
  const seen = new Set(chain);
  let current = catalog.get(groupRef);

  while (current) {
    const child = chain[chain.length - 1];
    const parent = resolveReference(
      catalog,
      current.spec?.parent,
      'group',
      current,
    );
    if (parent.state === 'undeclared') {
      return { end: 'root', chain };
    }
    if (parent.state === 'invalid') {
      return {
        end: 'dangling',
        chain,
        child,
        parent: parent.value,
        reason: 'invalid',
      };
    }
    if (parent.state === 'missing') {
      chain.push(parent.ref);
      return {
        end: 'dangling',
        chain,
        child,
        parent: parent.ref,
        reason: 'missing',
      };
    }
    chain.push(parent.ref);
    if (seen.has(parent.ref)) {
      return { end: 'cycle', chain, repeated: parent.ref };
    }
    if (parent.entity.kind.toLocaleLowerCase('en-US') !== 'group') {
      return {
        end: 'dangling',
        chain,
        child,
        parent: parent.ref,
        reason: 'not-a-group',
        parentKind: parent.entity.kind,
      };
    }
    seen.add(parent.ref);
    current = parent.entity;
  }

  // Only reached when the starting group is not in the catalog: there is no parent to follow.
  return { end: 'root', chain };
}
