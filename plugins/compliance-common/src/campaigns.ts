import type { components, operations } from './schema/openapi';

type Schemas = components['schemas'];

/**
 * Which entities a campaign covers. Every given criterion must match; an empty or absent
 * filter covers every evaluated entity.
 *
 * @public
 */
export type CampaignFilter = Schemas['CampaignFilter'];

/** @public */
export type CampaignStatus = Schemas['CampaignStatus'];

/** A time-boxed drive to get a set of entities to meet a set of checks by a deadline. @public */
export type Campaign = Schemas['Campaign'];

/** What it takes to start a campaign. @public */
export type CampaignInput =
  operations['CreateCampaign']['requestBody']['content']['application/json'];

/** A campaign with its current headline numbers, as listed. @public */
export type CampaignSummary = Schemas['CampaignSummary'];

/**
 * One day of a campaign's burn-up: of the entities in scope, how many met every campaign
 * check at the end of that day (UTC).
 *
 * @public
 */
export type CampaignBurnUpPoint = Schemas['CampaignProgress']['burnUp'][number];

/** Where a campaign stands. @public */
export type CampaignProgress = Schemas['CampaignProgress'];
