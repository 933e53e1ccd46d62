import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Campaign } from '@runway/plugin-compliance-common';
import type { CampaignNotice } from '../database/CampaignStore';
import type { UnmetEntity } from './campaignProgress';

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

const HEADLINES: Record<
  CampaignNotice,
  (count: number, deadline: string) => string
> = {
  start: (count, deadline) =>
    `${plural(
      count,
      'of your entities needs',
      'of your entities need',
    )} work by ${deadline}`,
  'reminder-7d': (_count, deadline) => `deadline in 7 days (${deadline})`,
  'reminder-1d': (_count, deadline) => `deadline in 1 day (${deadline})`,
};

/**
 * Tells the owners of entities that do not yet meet a campaign about it: one notification
 * per owner (group) when the campaign starts and for each deadline reminder. Owners whose
 * entities are all done hear nothing.
 *
 * @internal
 */
export class CampaignNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  /** Returns how many owners were notified. */
  async notifyOwners(
    campaign: Campaign,
    notice: CampaignNotice,
    unmet: UnmetEntity[],
    checkTitle: (checkId: string) => string,
  ): Promise<number> {
    const byOwner = new Map<string, UnmetEntity[]>();
    for (const entity of unmet) {
      if (!entity.ownerRef) continue;
      const list = byOwner.get(entity.ownerRef);
      if (list) list.push(entity);
      else byOwner.set(entity.ownerRef, [entity]);
    }
    const deadline = campaign.deadline.slice(0, 10);
    let notified = 0;
    for (const [ownerRef, entities] of byOwner) {
      const checks = [...new Set(entities.flatMap(e => e.failing))]
        .map(checkTitle)
        .join(', ');
      try {
        await this.notifications.send({
          recipients: { type: 'entity', entityRef: ownerRef },
          payload: {
            title: `Campaign "${campaign.title}": ${HEADLINES[notice](
              entities.length,
              deadline,
            )}`,
            description: `${plural(
              entities.length,
              'entity you own does',
              'entities you own do',
            )} not yet meet ${checks}. Deadline: ${deadline}.`,
            link: `/compliance/campaigns/${campaign.id}`,
            severity: notice === 'reminder-1d' ? 'high' : 'normal',
            topic: 'compliance',
            // One entry per campaign in each inbox: a reminder updates it.
            scope: `compliance:campaign:${campaign.id}`,
          },
        });
        notified += 1;
      } catch (error) {
        // One owner that cannot be notified must not keep the others from hearing.
        this.logger.warn(
          `Could not notify ${ownerRef} about campaign ${campaign.id}: ${error}`,
        );
      }
    }
    return notified;
  }
}
