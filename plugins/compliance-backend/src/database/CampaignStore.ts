import type {
  Campaign,
  CampaignStatus,
  CheckStatus,
} from '@runway/plugin-compliance-common';

/**
 * A notification sent at most once per campaign: when it starts, and a week and a day
 * before its deadline.
 *
 * @internal
 */
export type CampaignNotice = 'start' | 'reminder-7d' | 'reminder-1d';

/** A campaign as stored, with the notices already sent (notice to ISO 8601). @internal */
export type StoredCampaign = Campaign & {
  notices: Partial<Record<CampaignNotice, string>>;
};

/** @internal */
export type NewCampaign = Omit<Campaign, 'id' | 'status' | 'endedAt'> & {
  /** Notices that are recorded as sent from the start (they would come too late). */
  skipNotices?: CampaignNotice[];
};

/** An evaluated entity and its owner, from `compliance_entities`. @internal */
export type CampaignEntityRow = {
  entityRef: string;
  ownerRef?: string;
  /** When its first results were stored; absent only for rows older than the column. */
  firstEvaluatedAt?: Date;
};

/** A current result, from `compliance_results`. @internal */
export type CampaignResultRow = {
  entityRef: string;
  checkId: string;
  status: CheckStatus;
  /** Since when it has this status. */
  since: Date;
};

/** A status change, from `compliance_history`. @internal */
export type CampaignHistoryRow = {
  entityRef: string;
  checkId: string;
  /** The status before; `null` only in rows written for first evaluations by older versions. */
  fromStatus: CheckStatus | null;
  /** The status after. */
  status: CheckStatus;
  changedAt: Date;
};

/**
 * Storage of campaigns, and the read-only views of results and history that their
 * progress is computed from.
 *
 * @internal
 */
export interface CampaignStore {
  createCampaign(input: NewCampaign): Promise<StoredCampaign>;
  getCampaign(id: string): Promise<StoredCampaign | undefined>;
  /** Newest first. */
  listCampaigns(filter: {
    status?: CampaignStatus[];
  }): Promise<StoredCampaign[]>;
  /** Ends the campaign only while it is active; returns undefined otherwise. */
  endCampaign(
    id: string,
    end: { endedAt: Date; endedBy: string },
  ): Promise<StoredCampaign | undefined>;
  /**
   * Records that a notice is being sent. True for exactly one caller per campaign and
   * notice, however many replicas ask at once.
   */
  claimNotice(id: string, notice: CampaignNotice, at: Date): Promise<boolean>;

  /** Evaluated entities, optionally only those owned by one of `ownerRefs`. */
  listEntities(filter: { ownerRefs?: string[] }): Promise<CampaignEntityRow[]>;
  /** Current results of the given checks, for every entity. */
  listResults(checkIds: string[]): Promise<CampaignResultRow[]>;
  /** Every status change of the given checks, oldest first. */
  listHistory(checkIds: string[]): Promise<CampaignHistoryRow[]>;
}
