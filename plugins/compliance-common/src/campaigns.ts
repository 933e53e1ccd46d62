import type { components, operations } from './schema/openapi';

/**
 * Which entities a campaign covers. Every given criterion must match; an empty or absent
 * filter covers every evaluated entity.
 *
 * @public
 */
export type CampaignFilter = components['schemas']['CampaignFilter'];

/**
 * Whether a campaign is still running: `active` until someone ends it, then `ended`.
 *
 * @public
 */
export type CampaignStatus = components['schemas']['CampaignStatus'];

/** A time-boxed drive to get a set of entities to meet a set of checks by a deadline. @public */
export type Campaign = components['schemas']['Campaign'];

/** What it takes to start a campaign. @public */
export type CampaignInput =
  operations['CreateCampaign']['requestBody']['content']['application/json'];

/** A campaign with its current headline numbers, as listed. @public */
export type CampaignSummary = components['schemas']['CampaignSummary'];

/**
 * One day of a campaign's burn-up: of the entities in scope, how many met every campaign
 * check at the end of that day (UTC).
 *
 * @public
 */
export type CampaignBurnUpPoint =
  components['schemas']['CampaignProgress']['burnUp'][number];

/** Where a campaign stands. @public */
export type CampaignProgress = components['schemas']['CampaignProgress'];
