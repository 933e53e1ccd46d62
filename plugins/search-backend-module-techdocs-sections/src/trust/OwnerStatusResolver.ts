import type { Entity } from '@backstage/catalog-model';
import type { OwnerStatusSource } from '../types';

/**
 * Whether an entity's owner can be trusted to answer for its docs.
 *
 * @public
 */
export type OwnerStatus = {
  ownerExists: boolean;
  ownerIsActiveTeam: boolean;
  source: OwnerStatusSource;
};

/**
 * Finds the owner status of many entities at once (a crawl asks once per page of entities).
 *
 * @public
 */
export interface OwnerStatusResolver {
  /** By `stringifyEntityRef` of each entity; every entity given has an answer. */
  resolve(entities: Entity[]): Promise<Map<string, OwnerStatus>>;
}
