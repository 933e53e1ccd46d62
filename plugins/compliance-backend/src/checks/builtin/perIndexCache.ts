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

/**
 * Like {@link perIndexCache}, for values that need more than the key to compute: the first
 * `compute` given for a key, per index, decides the value. For reads that many entities of
 * one sweep share, such as a repository's CODEOWNERS.
 *
 * @internal
 */
export function perIndexMemo<T>(): (
  catalog: CatalogIndex,
  key: string,
  compute: () => T,
) => T {
  const caches = new WeakMap<CatalogIndex, Map<string, T>>();
  return (catalog, key, compute) => {
    let cache = caches.get(catalog);
    if (!cache) {
      cache = new Map();
      caches.set(catalog, cache);
    }
    if (cache.has(key)) return cache.get(key)!;
    const value = compute();
    cache.set(key, value);
    return value;
  };
}
