import type { AuditorService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { principalRef, type ComplianceCaller } from './ComplianceCaller';

/**
 * Runs a write as an audit event: the attempt, then its success with what it produced (the
 * id it created, the decision it stored) or its failure with the error. The event records
 * the fields that matter, never a raw request body, so that, for example, an exemption's
 * request and its decision can be joined by `exemptionId`. The actor is named in `meta`
 * too, because actions for agents have no HTTP request to take it from.
 *
 * @internal
 */
export async function auditedWrite<T>(
  auditor: AuditorService,
  options: {
    eventId: string;
    caller: ComplianceCaller;
    meta: JsonObject;
    /** What to record of the result on success. */
    outcome?: (result: T) => JsonObject;
  },
  write: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId: options.eventId,
    severityLevel: 'medium',
    request: options.caller.request,
    meta: {
      actor: principalRef(options.caller.credentials),
      ...options.meta,
    },
  });
  try {
    const result = await write();
    await event.success({ meta: options.outcome?.(result) });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
