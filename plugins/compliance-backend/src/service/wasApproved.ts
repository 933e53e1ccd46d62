import type { Exemption } from '@runway/plugin-compliance-common';

/**
 * Whether an exemption that has just expired had been approved: only pending and approved
 * exemptions expire, and of those only the approved ones were decided. A pending request
 * exempted nothing.
 *
 * @internal
 */
export function wasApproved(expired: Exemption): boolean {
  return Boolean(expired.decidedBy);
}
