/**
 * Which entities a campaign covers. Every given criterion must match; an empty or absent
 * filter covers every evaluated entity.
 *
 * @public
 */
export type CampaignFilter = {
  /** Entity kinds, compared case-insensitively (e.g. `Component`). */
  kind?: string[];
  /** `spec.type` values (e.g. `service`). */
  type?: string[];
  /** `spec.lifecycle` values (e.g. `production`). */
  lifecycle?: string[];
  /** An owner group; entities owned by its descendant groups are included. */
  ownerRef?: string;
};

/**
 * Whether a campaign is still running: `active` until someone ends it, then `ended`.
 *
 * @public
 */
export type CampaignStatus = 'active' | 'ended';

/**
 * A time-boxed drive to get a set of entities to meet a set of checks by a deadline.
 *
 * @public
 */
export type Campaign = {
  id: string;
  title: string;
  description: string;
  checkIds: string[];
  filter: CampaignFilter;
  /** ISO 8601 */
  deadline: string;
  createdBy: string;
  /** ISO 8601; the campaign starts when it is created. */
  createdAt: string;
  status: CampaignStatus;
  /** ISO 8601; set when the campaign was ended. */
  endedAt?: string;
};

/**
 * What it takes to start a campaign.
 *
 * @public
 */
export type CampaignInput = {
  title: string;
  description?: string;
  checkIds: string[];
  filter?: CampaignFilter;
  /** ISO 8601, in the future. */
  deadline: string;
};

/**
 * A campaign with its current headline numbers, as listed.
 *
 * @public
 */
export type CampaignSummary = Campaign & {
  entityCount: number;
  doneCount: number;
  percentDone: number;
};

/**
 * One day of a campaign's burn-up: of the entities in scope, how many met every campaign
 * check at the end of that day (UTC).
 *
 * @public
 */
export type CampaignBurnUpPoint = {
  /** `YYYY-MM-DD` (UTC) */
  date: string;
  done: number;
  total: number;
};

/**
 * Where a campaign stands.
 *
 * @public
 */
export type CampaignProgress = {
  campaign: Campaign;
  /** Entities in scope now. */
  entityCount: number;
  /** Entities whose campaign checks all pass, are exempt or do not apply. */
  doneCount: number;
  /** 0–100 with one decimal; 100 when no entity is in scope. */
  percentDone: number;
  /** The first 50 entities that are not done, the most unmet checks first. */
  remaining: Array<{ entityRef: string; ownerRef?: string; failing: string[] }>;
  /** One point per day from the start to today, the deadline or the end, whichever is first. */
  burnUp: CampaignBurnUpPoint[];
};
