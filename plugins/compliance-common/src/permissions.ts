import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Request an exemption from a check for an entity. A resource permission on the catalog
 * entity, so that a policy can say "owners only".
 *
 * @public
 */
export const complianceExemptionCreatePermission = createPermission({
  name: 'compliance.exemption.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approve or reject someone else's exemption request for an entity. A resource permission
 * on the catalog entity the exemption is for; four-eyes (never one's own request, only a
 * person) is enforced on top of it.
 *
 * @public
 */
export const complianceExemptionApprovePermission = createPermission({
  name: 'compliance.exemption.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Create and end compliance campaigns. @public */
export const complianceCampaignManagePermission = createPermission({
  name: 'compliance.campaign.manage',
  attributes: { action: 'update' },
});

/** Re-evaluate an entity now. A resource permission on the catalog entity. @public */
export const complianceEvaluatePermission = createPermission({
  name: 'compliance.evaluate',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Push results of external checks (CI). @public */
export const complianceResultPushPermission = createPermission({
  name: 'compliance.result.push',
  attributes: { action: 'create' },
});

/** Every permission of the compliance plugin. @public */
export const compliancePermissions = [
  complianceExemptionCreatePermission,
  complianceExemptionApprovePermission,
  complianceCampaignManagePermission,
  complianceEvaluatePermission,
  complianceResultPushPermission,
];
