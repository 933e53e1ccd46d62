import type { CatalogIndex } from '@runway/plugin-compliance-node';

/**
 * Whether the index holds no entity at all: more likely a catalog that is starting or
 * failing than one emptied on purpose, so nothing is treated as deleted on that basis.
 *
 * @internal
 */
export function isEmptyIndex(index: CatalogIndex): boolean {
  return index.all()[Symbol.iterator]().next().done === true;
}
