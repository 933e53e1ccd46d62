import { createPermission } from '@backstage/plugin-permission-common';

/** Request an exemption from a check for an entity. @public */
export const complianceExemptionCreatePermission = createPermission({
  name: 'compliance.exemption.create',
  attributes: { action: 'create' },
});

/** Approve or reject someone else's exemption request. @public */
export const complianceExemptionApprovePermission = createPermission({
  name: 'compliance.exemption.approve',
  attributes: { action: 'update' },
});

/** Create, change and end compliance campaigns. @public */
export const complianceCampaignManagePermission = createPermission({
  name: 'compliance.campaign.manage',
  attributes: { action: 'update' },
});

/** Re-evaluate an entity now. @public */
export const complianceEvaluatePermission = createPermission({
  name: 'compliance.evaluate',
  attributes: { action: 'update' },
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
