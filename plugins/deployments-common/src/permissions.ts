import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

// Every deployments permission is a resource permission on the catalog entity that is
// deployed, so that a policy can say "the owners of the component only" (Runway's demo
// policy does). A service principal (CI with a static token, another plugin) is decided by
// its token's access restrictions instead, as for every Backstage permission.

/**
 * Start a run: deploy a version of an entity to a stage, roll back included.
 *
 * @public
 */
export const deploymentsRunCreatePermission = createPermission({
  name: 'deployments.run.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Cancel a run of an entity that has not finished. @public */
export const deploymentsRunCancelPermission = createPermission({
  name: 'deployments.run.cancel',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approve or reject a run of an entity that waits for approval. Four-eyes (never the
 * person who started the run, nor the author of the version's commit) is enforced by the
 * backend on top of it.
 *
 * @public
 */
export const deploymentsApprovalCreatePermission = createPermission({
  name: 'deployments.approval.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Import past deployments of an entity (`POST /history/import`), checked for each entity. @public */
export const deploymentsHistoryImportPermission = createPermission({
  name: 'deployments.history.import',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Register a version (a build) of an entity (`POST /versions`), as CI does after a build.
 * Usually held by CI's token only; registering a version deploys nothing.
 *
 * @public
 */
export const deploymentsVersionCreatePermission = createPermission({
  name: 'deployments.version.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission of the deployments plugin. @public */
export const deploymentsPermissions = [
  deploymentsRunCreatePermission,
  deploymentsRunCancelPermission,
  deploymentsApprovalCreatePermission,
  deploymentsHistoryImportPermission,
  deploymentsVersionCreatePermission,
];
