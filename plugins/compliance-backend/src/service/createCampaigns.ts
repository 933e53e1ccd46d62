import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Router } from 'express';
import type { Knex } from 'knex';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { CampaignNotifier } from './CampaignNotifier';
import { CampaignService } from './CampaignService';
import { createCampaignsRouter } from './campaignsRouter';
import type { ComplianceService } from './ComplianceService';
import { createVisibleEntities } from './visibleEntities';

/**
 * Sets up campaigns: the service, the daily task that sends deadline reminders, and the
 * routes (to mount on the plugin's HTTP router).
 *
 * @internal
 */
export async function createCampaigns(options: {
  knex: Knex;
  compliance: ComplianceService;
  notifications: NotificationService;
  logger: LoggerService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** To find out which entities a caller may read. */
  catalog: CatalogService;
}): Promise<Router> {
  const { logger } = options;
  const campaigns = new CampaignService({
    store: new DatabaseCampaignStore(options.knex),
    compliance: options.compliance,
    notifier: new CampaignNotifier(options.notifications, logger),
    logger,
  });

  // Global scope: one replica sends; the notices claimed in the database are never repeated.
  await options.scheduler.scheduleTask({
    id: 'compliance-campaign-reminders',
    scope: 'global',
    frequency: { hours: 24 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const sent = await campaigns.sendDueNotices();
      if (sent) logger.info(`Sent ${sent} compliance campaign notification(s)`);
    },
  });

  return createCampaignsRouter({
    campaigns,
    httpAuth: options.httpAuth,
    permissions: options.permissions,
    auditor: options.auditor,
    visibleEntities: createVisibleEntities({
      permissions: options.permissions,
      catalog: options.catalog,
    }),
  });
}
