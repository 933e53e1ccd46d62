import type { AuditorService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { principalRef, type DeploymentsCaller } from './DeploymentsCaller';

/**
 * Runs a write as a `coreServices.auditor` event: the attempt, then its success with what
 * it produced or its failure with the error. The event records the fields that matter,
 * never a raw request body (an import can hold ten thousand rows). The actor is named in
 * `meta` too, for callers without an HTTP request.
 *
 * This is the backend's operational audit log; the plugin's own hash-chained audit trail
 * is written by the store, in the transaction of the change.
 *
 * @internal
 */
export async function auditedWrite<T>(
  auditor: AuditorService,
  options: {
    eventId: string;
    caller: DeploymentsCaller;
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
