import type {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import { CatalogCatchUp, scheduleCatchUp } from './CatalogCatchUp';
import { CatalogChangeListener } from './CatalogChangeListener';
import { CatalogDeletionReconciler } from './CatalogDeletionReconciler';
import type { ComplianceServices } from './createComplianceServices';

/**
 * Starts the work the compliance backend does by itself. Every task has global scope: with
 * several replicas on one database, one of them runs it.
 *
 * - the sweep, the safety net that evaluates everything;
 * - the expiry of exemptions, within a minute of their end;
 * - the daily campaign notices;
 * - evaluation on catalog change (events from the catalog module entity-changes), the
 *   reconcile that finds deletions, which nothing announces, and the catch-up at start for
 *   what changed while no event was handled.
 *
 * @internal
 */
export async function scheduleComplianceTasks(
  services: ComplianceServices,
  deps: {
    scheduler: SchedulerService;
    logger: LoggerService;
    events: EventsService;
    lifecycle: LifecycleService;
  },
): Promise<void> {
  const { config, compliance, campaigns, catalogIndex } = services;
  const { scheduler, logger } = deps;

  await scheduler.scheduleTask({
    id: 'compliance-sweep',
    scope: 'global',
    ...config.schedule,
    fn: async () => {
      const { entities, changes, durationsMs } = await compliance.sweep();
      const phases = Object.entries(durationsMs)
        .map(([phase, ms]) => `${phase} ${ms}`)
        .join(', ');
      logger.info(
        `Compliance sweep evaluated ${entities} entities, ${changes} status change(s); ms per phase: ${phases}`,
      );
    },
  });

  await scheduler.scheduleTask({
    id: 'compliance-exemption-expiry',
    scope: 'global',
    frequency: { minutes: 1 },
    timeout: { minutes: 1 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      await compliance.lapseExpiredExemptions();
    },
  });

  // The notices claimed in the database are never repeated.
  await scheduler.scheduleTask({
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

  if (!config.evaluateOnChange.enabled) return;
  const listener = new CatalogChangeListener({
    events: deps.events,
    logger,
    compliance,
    catalogIndex,
    kinds: config.kinds,
    delayMs: config.evaluateOnChange.delayMs,
  });
  await listener.subscribe();
  deps.lifecycle.addShutdownHook(() => listener.stop());

  const reconciler = new CatalogDeletionReconciler({
    logger,
    compliance,
    catalogIndex,
    kinds: config.kinds,
  });
  await scheduler.scheduleTask({
    id: 'compliance-reconcile-deletions',
    scope: 'global',
    ...config.evaluateOnChange.reconcile,
    fn: async () => {
      await reconciler.reconcile();
    },
  });

  // What changed while no event was handled: the last run stopped first.
  await scheduleCatchUp({
    scheduler,
    delayMs: config.evaluateOnChange.catchUpDelayMs,
    catchUp: new CatalogCatchUp({
      logger,
      store: services.catchUpStore,
      compliance,
      catalogIndex,
      kinds: config.kinds,
      triggerSweep: () => scheduler.triggerTask('compliance-sweep'),
    }),
  });
}
