import type { AuditorService } from '@backstage/backend-plugin-api';
import {
  complianceCampaignManagePermission,
  type Campaign,
  type CampaignInput,
  type CampaignProgress,
  type CampaignStatus,
  type CampaignSummary,
} from '@runway/plugin-compliance-common';
import type { CampaignService } from '../service/CampaignService';
import type { AccessControl } from './AccessControl';
import { auditedWrite } from './auditedWrite';
import { principalRef, type ComplianceCaller } from './ComplianceCaller';

/**
 * Campaigns as callers reach them: reads are open to every signed-in caller and count only
 * the entities the caller may read; every write needs `compliance.campaign.manage` and is
 * audited.
 *
 * @internal
 */
export class AuthorizedCampaignService {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly access: AccessControl,
    private readonly auditor: AuditorService,
  ) {}

  async list(
    filter: { status?: CampaignStatus },
    caller: ComplianceCaller,
  ): Promise<CampaignSummary[]> {
    return this.campaigns.list(
      filter,
      await this.access.visibleEntities(caller.credentials),
    );
  }

  async progress(
    id: string,
    caller: ComplianceCaller,
  ): Promise<CampaignProgress> {
    return this.campaigns.progress(
      id,
      await this.access.visibleEntities(caller.credentials),
    );
  }

  /** The filter may name only a group the creator can read in the catalog. */
  create(input: CampaignInput, caller: ComplianceCaller): Promise<Campaign> {
    const { credentials } = caller;
    return auditedWrite(
      this.auditor,
      {
        eventId: 'campaign-create',
        caller,
        meta: {
          title: input.title,
          checkIds: input.checkIds,
          deadline: input.deadline,
        },
        outcome: campaign => ({ campaignId: campaign.id }),
      },
      async () => {
        await this.access.authorize(
          credentials,
          complianceCampaignManagePermission,
        );
        return this.campaigns.create(
          { ...input, createdBy: principalRef(credentials) },
          await this.access.visibleEntities(credentials),
        );
      },
    );
  }

  end(id: string, caller: ComplianceCaller): Promise<Campaign> {
    return auditedWrite(
      this.auditor,
      { eventId: 'campaign-end', caller, meta: { campaignId: id } },
      async () => {
        await this.access.authorize(
          caller.credentials,
          complianceCampaignManagePermission,
        );
        return this.campaigns.end(id, principalRef(caller.credentials));
      },
    );
  }
}
