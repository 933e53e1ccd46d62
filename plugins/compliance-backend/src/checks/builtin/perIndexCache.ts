import type { CatalogIndex } from '@runway/plugin-compliance-node';

/**
 * Memoizes `compute(catalog, key)` for as long as the index lives. An index is immutable
 * and a sweep asks the same questions (a group's parent chain, its staff) for thousands of
 * entities that share a few hundred owners. Results are shared: callers must not change them.
 *
 * @internal
 */
export function perIndexCache<T>(
  compute: (catalog: CatalogIndex, key: string) => T,
): (catalog: CatalogIndex, key: string) => T {
  const caches = new WeakMap<CatalogIndex, Map<string, T>>();
  return (catalog, key) => {
    let cache = caches.get(catalog);
    if (!cache) {
      cache = new Map();
      caches.set(catalog, cache);
    }
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(catalog, key);
    cache.set(key, value);
    return value;
  };
}
