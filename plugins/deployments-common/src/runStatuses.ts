import type { components } from './schema/openapi';

/**
 * Where a run is:
 *
 * - `queued`: created, waiting for the worker;
 * - `awaiting-approval`: waiting for the approvals its stage requires;
 * - `running`: the engine is deploying;
 * - `succeeded`, `failed`, `cancelled`: finished;
 * - `blocked`: a gate refused it (compliance, a freeze window), with the reason stored.
 *
 * @public
 */
export type RunStatus = components['schemas']['RunStatus'];

/** Every {@link RunStatus}, in the order a run can pass through them. @public */
export const RUN_STATUSES: readonly RunStatus[] = [
  'queued',
  'awaiting-approval',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'blocked',
];

/** The statuses after which a run never changes again. @public */
export const FINISHED_RUN_STATUSES: readonly RunStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'blocked',
];

/**
 * The statuses of a run that count as a deployment for DORA: it reached the engine and
 * ended. A cancelled or blocked run deployed nothing.
 *
 * @public
 */
export const DEPLOYMENT_OUTCOME_STATUSES: readonly RunStatus[] = [
  'succeeded',
  'failed',
];

/** Whether a run in this status is finished. @public */
export function isFinishedRunStatus(status: RunStatus): boolean {
  return FINISHED_RUN_STATUSES.includes(status);
}
