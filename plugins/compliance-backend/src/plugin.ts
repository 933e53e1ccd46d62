import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { compliancePermissions } from '@runway/plugin-compliance-common';
import {
  complianceChecksExtensionPoint,
  type ComplianceCheck,
} from '@runway/plugin-compliance-node';
import { readComplianceConfig } from './config';
import { builtinChecks } from './checks/builtin';
import {
  createDeclarativeCheck,
  readDeclarativeChecks,
} from './checks/declarative';
import { DatabaseCatchUpStore } from './database/DatabaseCatchUpStore';
import { DatabaseComplianceStore } from './database/DatabaseComplianceStore';
import { DatabaseReportStore } from './database/DatabaseReportStore';
import { migrateDatabase } from './database/migrateDatabase';
import { auditExpiry } from './service/auditExpiry';
import { CatalogCatchUp, scheduleCatchUp } from './service/CatalogCatchUp';
import { CatalogChangeListener } from './service/CatalogChangeListener';
import { CatalogDeletionReconciler } from './service/CatalogDeletionReconciler';
import { CatalogIndexProvider } from './service/CatalogIndexProvider';
import {
  ComplianceEvaluator,
  type RegisteredCheck,
} from './service/ComplianceEvaluator';
import { ComplianceNotifier } from './service/ComplianceNotifier';
import { ComplianceReports } from './service/ComplianceReports';
import { ComplianceService } from './service/ComplianceService';
import { createCheckServices } from './service/createCheckServices';
import { createCampaigns } from './service/createCampaigns';
import { createRouter } from './service/router';

/**
 * Runway's ownership compliance backend plugin.
 *
 * @public
 */
export const compliancePlugin = createBackendPlugin({
  pluginId: 'compliance',
  register(env) {
    const codeChecks: ComplianceCheck[] = [];
    env.registerExtensionPoint(complianceChecksExtensionPoint, {
      addChecks(...checks) {
        codeChecks.push(...checks);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        // Validated first: a bad check definition or level stops the backend here.
        const config = readComplianceConfig(deps.config);
        const declarative = readDeclarativeChecks(deps.config).map(
          createDeclarativeCheck,
        );

        const checks: RegisteredCheck[] = [
          ...builtinChecks().map(check => ({
            check,
            source: 'builtin' as const,
          })),
          ...declarative.map(check => ({
            check,
            source: 'declarative' as const,
          })),
          ...codeChecks.map(check => ({ check, source: 'code' as const })),
        ];
        const ids = new Set<string>();
        for (const id of [
          ...checks.map(c => c.check.id),
          ...config.externalChecks.map(c => c.id),
        ]) {
          if (ids.has(id))
            throw new Error(`Compliance check id '${id}' is defined twice`);
          ids.add(id);
        }
        for (const level of config.levels) {
          const unknown = level.checks.filter(id => !ids.has(id));
          if (unknown.length) {
            throw new Error(
              `compliance.levels '${
                level.id
              }' requires unknown check(s): ${unknown.join(', ')}`,
            );
          }
        }

        const knex = await deps.database.getClient();
        if (!deps.database.migrations?.skip) {
          await migrateDatabase(knex);
        }
        deps.permissionsRegistry.addPermissions(compliancePermissions);

        const checkServices = createCheckServices(deps);
        const notifier = new ComplianceNotifier(
          deps.notifications,
          deps.logger,
        );
        const catalogIndex = new CatalogIndexProvider(
          deps.catalog,
          deps.auth,
          config.catalogIndexMaxAgeMs,
        );
        const service = new ComplianceService({
          store: new DatabaseComplianceStore(knex),
          evaluator: new ComplianceEvaluator({
            checks,
            externalChecks: config.externalChecks,
            levels: config.levels,
            kinds: config.kinds,
            checkOptions: config.checkOptions,
            services: checkServices,
          }),
          catalogIndex,
          config,
          checkServices,
          logger: deps.logger,
          onTransitions: transitions => notifier.notify(transitions),
          onExemptionsExpired: expired => auditExpiry(deps.auditor, expired),
        });

        // Global scope: with several replicas on one database, one of them sweeps.
        await deps.scheduler.scheduleTask({
          id: 'compliance-sweep',
          scope: 'global',
          ...config.schedule,
          fn: async () => {
            const { entities, changes, durationsMs } = await service.sweep();
            const phases = Object.entries(durationsMs)
              .map(([phase, ms]) => `${phase} ${ms}`)
              .join(', ');
            deps.logger.info(
              `Compliance sweep evaluated ${entities} entities, ${changes} status change(s); ms per phase: ${phases}`,
            );
          },
        });

        // An exemption lapses within a minute of its expiry, not at the next sweep.
        await deps.scheduler.scheduleTask({
          id: 'compliance-exemption-expiry',
          scope: 'global',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            await service.lapseExpiredExemptions();
          },
        });

        // Changes announced by the catalog module entity-changes are evaluated within
        // seconds, deletions (which nothing announces) within minutes by the reconcile; the
        // sweep stays as the safety net for what both miss.
        if (config.evaluateOnChange.enabled) {
          const listener = new CatalogChangeListener({
            events: deps.events,
            logger: deps.logger,
            compliance: service,
            catalogIndex,
            kinds: config.kinds,
            delayMs: config.evaluateOnChange.delayMs,
          });
          await listener.subscribe();
          deps.lifecycle.addShutdownHook(() => listener.stop());

          const reconciler = new CatalogDeletionReconciler({
            logger: deps.logger,
            compliance: service,
            catalogIndex,
            kinds: config.kinds,
          });
          await deps.scheduler.scheduleTask({
            id: 'compliance-reconcile-deletions',
            scope: 'global',
            ...config.evaluateOnChange.reconcile,
            fn: async () => {
              await reconciler.reconcile();
            },
          });

          // What changed while no event was handled: the last run stopped first.
          await scheduleCatchUp({
            scheduler: deps.scheduler,
            delayMs: config.evaluateOnChange.catchUpDelayMs,
            catchUp: new CatalogCatchUp({
              logger: deps.logger,
              store: new DatabaseCatchUpStore(knex),
              compliance: service,
              catalogIndex,
              kinds: config.kinds,
              triggerSweep: () =>
                deps.scheduler.triggerTask('compliance-sweep'),
            }),
          });
        }

        // Campaign routes (documented in openapi.yaml), mounted first so that their own
        // validation answers campaign requests; other requests pass through them.
        deps.httpRouter.use(
          await createCampaigns({
            knex,
            compliance: service,
            notifications: deps.notifications,
            logger: deps.logger,
            scheduler: deps.scheduler,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            catalog: deps.catalog,
          }),
        );
        deps.httpRouter.use(
          await createRouter({
            service,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog: deps.catalog,
            auditor: deps.auditor,
            reports: new ComplianceReports({
              store: new DatabaseReportStore(knex),
              catalogIndex: () => service.getCatalogIndex(),
              levelIds: config.levels.map(level => level.id),
            }),
          }),
        );
      },
    });
  },
});
