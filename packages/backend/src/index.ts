/*
 * Runway's backend: a standard Backstage backend (new backend system) with every Runway
 * backend plugin installed.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs
backend.add(import('@backstage/plugin-techdocs-backend'));
// Builds every entity's docs in the background so they are searchable from the start.
backend.add(import('@runway/plugin-techdocs-backend-module-prebuild'));

// auth: local development signs in through the demo-user picker; it is off in production
// and refuses to start when NODE_ENV=production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(
  import('@runway/plugin-auth-backend-module-local-user-picker-provider'),
);

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Announces entity changes on the events service; the compliance backend re-evaluates on them
// and the TechDocs prebuild builds the changed entities' docs.
backend.add(import('@runway/plugin-catalog-backend-module-entity-changes'));

// permissions: everyone reads, a team manages its own components, the admin groups of
// permission.runwayPolicy.adminGroups manage everything (see the module's README).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@runway/plugin-permission-backend-module-runway-policy'));

// search: Lunr by default; the PostgreSQL engine takes over when the database is PostgreSQL.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// Runway
backend.add(import('@runway/plugin-compliance-backend'));
// Deployments: versions, imported history, runs, DORA and the hash-chained audit trail
// (the run worker, engines and UI come later: docs/deployments.md).
backend.add(import('@runway/plugin-deployments-backend'));

// Actions for AI assistants: the actions of the plugins in backend.actions.pluginSources as
// MCP tools at /api/mcp-actions/v1, run under the caller's own credentials (docs/mcp.md).
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
