import type { AuditorService } from '@backstage/backend-plugin-api';
import type { Exemption } from '@runway/plugin-compliance-common';
import { wasApproved } from './wasApproved';

/**
 * Records each lapsed exemption as an audit event, so that an exemption's trail runs from
 * request and decision to its end. Nobody asked for it: the event has no request, and the
 * auditor attributes it to the plugin.
 *
 * @internal
 */
export async function auditExpiry(
  auditor: AuditorService,
  expired: Exemption[],
): Promise<void> {
  for (const exemption of expired) {
    const event = await auditor.createEvent({
      eventId: 'exemption-expire',
      severityLevel: 'low',
      meta: {
        id: exemption.id,
        entityRef: exemption.entityRef,
        checkId: exemption.checkId,
        expiresAt: exemption.expiresAt,
        wasApproved: wasApproved(exemption),
      },
    });
    await event.success();
  }
}
