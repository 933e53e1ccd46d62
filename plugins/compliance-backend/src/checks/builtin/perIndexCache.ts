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
 * Reads that many entities of one sweep share, such as a repository's CODEOWNERS: `read`
 * starts a read at most once per index and key (a failure is shared too), and `get` gives
 * what a finished read found, so that later entities can answer without waiting.
 *
 * @internal
 */
export function sharedReads<T>() {
  const reads = new WeakMap<CatalogIndex, Map<string, Promise<T>>>();
  const results = new WeakMap<CatalogIndex, Map<string, T>>();
  const inIndex = <V>(
    map: WeakMap<CatalogIndex, Map<string, V>>,
    catalog: CatalogIndex,
  ) => {
    let byKey = map.get(catalog);
    if (!byKey) {
      byKey = new Map();
      map.set(catalog, byKey);
    }
    return byKey;
  };
  return {
    read(
      catalog: CatalogIndex,
      key: string,
      start: () => Promise<T>,
    ): Promise<T> {
      const started = inIndex(reads, catalog);
      let read = started.get(key);
      if (!read) {
        read = start().then(value => {
          inIndex(results, catalog).set(key, value);
          return value;
        });
        started.set(key, read);
      }
      return read;
    },
    get(catalog: CatalogIndex, key: string): T | undefined {
      return results.get(catalog)?.get(key);
    },
  };
}
