import type {
  AuditorService,
  AuthService,
  DatabaseService,
  DiscoveryService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { compliancePermissions } from '@runway/plugin-compliance-common';
import type { ComplianceCheck } from '@runway/plugin-compliance-node';
import { AccessControl } from '../authorization/AccessControl';
import { AuthorizedCampaignService } from '../authorization/AuthorizedCampaignService';
import { AuthorizedComplianceReports } from '../authorization/AuthorizedComplianceReports';
import { AuthorizedComplianceService } from '../authorization/AuthorizedComplianceService';
import { builtinChecks } from '../checks/builtin';
import {
  createDeclarativeCheck,
  readDeclarativeChecks,
} from '../checks/declarative';
import { readComplianceConfig, type ComplianceConfig } from '../config';
import type { CatchUpStore } from '../database/CatchUpStore';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { DatabaseCatchUpStore } from '../database/DatabaseCatchUpStore';
import { DatabaseComplianceStore } from '../database/DatabaseComplianceStore';
import { DatabaseReportStore } from '../database/DatabaseReportStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { auditExpiry } from './auditExpiry';
import { CampaignNotifier } from './CampaignNotifier';
import { CampaignService } from './CampaignService';
import { CatalogIndexProvider } from './CatalogIndexProvider';
import {
  ComplianceEvaluator,
  type RegisteredCheck,
} from './ComplianceEvaluator';
import { ComplianceNotifier } from './ComplianceNotifier';
import { ComplianceReports } from './ComplianceReports';
import { ComplianceService } from './ComplianceService';
import { createCheckServices } from './createCheckServices';

/** What the compliance backend is made of, as plugin.ts wires it. @internal */
export type ComplianceServices = {
  config: ComplianceConfig;
  catalogIndex: CatalogIndexProvider;
  compliance: ComplianceService;
  campaigns: CampaignService;
  /** What the catch-up at start remembers of the catalog between runs. */
  catchUpStore: CatchUpStore;
  /** The services as callers reach them: permission-checked and audited. */
  authorized: {
    compliance: AuthorizedComplianceService;
    campaigns: AuthorizedCampaignService;
    reports: AuthorizedComplianceReports;
  };
};

/**
 * Builds every service of the compliance backend, in one place: reads and validates the
 * configuration and the checks (a bad one stops the backend here, naming it), migrates the
 * database and registers the permissions.
 *
 * @internal
 */
export async function createComplianceServices(deps: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  auth: AuthService;
  auditor: AuditorService;
  discovery: DiscoveryService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  urlReader: UrlReaderService;
  catalog: CatalogService;
  notifications: NotificationService;
  /** Checks contributed by other modules through the extension point. */
  codeChecks: ComplianceCheck[];
}): Promise<ComplianceServices> {
  const config = readComplianceConfig(deps.config);
  const checks = registeredChecks(deps.config, deps.codeChecks);
  validateCheckIds(checks, config);

  const knex = await deps.database.getClient();
  if (!deps.database.migrations?.skip) {
    await migrateDatabase(knex);
  }
  deps.permissionsRegistry.addPermissions(compliancePermissions);

  const checkServices = createCheckServices(deps);
  const notifier = new ComplianceNotifier(deps.notifications, deps.logger);
  const catalogIndex = new CatalogIndexProvider(
    deps.catalog,
    deps.auth,
    config.catalogIndexMaxAgeMs,
  );
  const compliance = new ComplianceService({
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
  const campaigns = new CampaignService({
    store: new DatabaseCampaignStore(knex),
    compliance,
    notifier: new CampaignNotifier(deps.notifications, deps.logger),
    logger: deps.logger,
  });
  const reports = new ComplianceReports({
    store: new DatabaseReportStore(knex),
    catalogIndex: () => compliance.getCatalogIndex(),
    levelIds: config.levels.map(level => level.id),
  });

  const access = new AccessControl(deps);
  return {
    config,
    catalogIndex,
    compliance,
    campaigns,
    catchUpStore: new DatabaseCatchUpStore(knex),
    authorized: {
      compliance: new AuthorizedComplianceService(
        compliance,
        access,
        deps.auditor,
      ),
      campaigns: new AuthorizedCampaignService(campaigns, access, deps.auditor),
      reports: new AuthorizedComplianceReports(reports, access),
    },
  };
}

/** Built-in, declarative (validated at start) and code checks, with their source. */
function registeredChecks(
  config: RootConfigService,
  codeChecks: ComplianceCheck[],
): RegisteredCheck[] {
  return [
    ...builtinChecks().map(check => ({ check, source: 'builtin' as const })),
    ...readDeclarativeChecks(config).map(definition => ({
      check: createDeclarativeCheck(definition),
      source: 'declarative' as const,
    })),
    ...codeChecks.map(check => ({ check, source: 'code' as const })),
  ];
}

/** Every check id is unique, and every level requires only checks that exist. */
function validateCheckIds(checks: RegisteredCheck[], config: ComplianceConfig) {
  const ids = new Set<string>();
  for (const id of [
    ...checks.map(c => c.check.id),
    ...config.externalChecks.map(c => c.id),
  ]) {
    if (ids.has(id)) {
      throw new Error(`Compliance check id '${id}' is defined twice`);
    }
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
}
