import type {
  AuditorService,
  AuthService,
  DatabaseService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { deploymentsPermissions } from '@runway/plugin-deployments-common';
import type { DeploymentEngine } from '@runway/plugin-deployments-node';
import { AccessControl } from '../authorization/AccessControl';
import { AuthorizedDeploymentsService } from '../authorization/AuthorizedDeploymentsService';
import { CatalogScopes } from '../catalog/CatalogScopes';
import { readDeploymentsConfig, type DeploymentsConfig } from '../config';
import { DatabaseAuditLog } from '../database/DatabaseAuditLog';
import { DatabaseDeploymentsStore } from '../database/DatabaseDeploymentsStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { DeploymentsService } from './DeploymentsService';

/** What the deployments backend is made of, as plugin.ts wires it. @internal */
export type DeploymentsServices = {
  config: DeploymentsConfig;
  deployments: DeploymentsService;
  /** The engines other modules added, by id. */
  engines: ReadonlyMap<string, DeploymentEngine>;
  /** The services as callers reach them: permission-checked and audited. */
  authorized: { deployments: AuthorizedDeploymentsService };
};

/**
 * Builds every service of the deployments backend, in one place: reads and checks the
 * configuration and the engines (a bad one stops the backend here, naming it), migrates
 * the database and registers the permissions.
 *
 * @internal
 */
export async function createDeploymentsServices(deps: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  auditor: AuditorService;
  auth: AuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  /** Engines contributed by other modules through the extension point. */
  engines: DeploymentEngine[];
  now?: () => Date;
}): Promise<DeploymentsServices> {
  const config = readDeploymentsConfig(deps.config);
  const engines = engineMap(deps.engines);

  const knex = await deps.database.getClient();
  if (!deps.database.migrations?.skip) {
    await migrateDatabase(knex);
  }
  deps.permissionsRegistry.addPermissions(deploymentsPermissions);

  const deployments = new DeploymentsService({
    store: new DatabaseDeploymentsStore(knex, { now: deps.now }),
    auditLog: new DatabaseAuditLog(knex),
    config,
    now: deps.now,
  });
  if (engines.size) {
    deps.logger.info(
      `Deployment engines: ${[...engines.keys()].sort().join(', ')}`,
    );
  }
  return {
    config,
    deployments,
    engines,
    authorized: {
      deployments: new AuthorizedDeploymentsService(
        deployments,
        new AccessControl(deps),
        new CatalogScopes(deps.catalog),
        deps.auditor,
      ),
    },
  };
}

/** Engines by id; an empty or duplicate id stops the backend, naming it. */
function engineMap(engines: DeploymentEngine[]): Map<string, DeploymentEngine> {
  const byId = new Map<string, DeploymentEngine>();
  for (const engine of engines) {
    if (
      typeof engine.id !== 'string' ||
      !/^[a-z0-9][a-z0-9-]*$/.test(engine.id)
    ) {
      throw new Error(
        `A deployment engine's id must be lower-case letters, digits and '-', got '${engine.id}'`,
      );
    }
    if (byId.has(engine.id)) {
      throw new Error(`Deployment engine id '${engine.id}' is added twice`);
    }
    byId.set(engine.id, engine);
  }
  return byId;
}
