import { InputError } from '@backstage/errors';
import type { RunPosition } from '../database/DeploymentsStore';

/** The `nextCursor` of a page that ends at this run: opaque to callers. @internal */
export function encodeRunCursor(position: RunPosition): string {
  return Buffer.from(
    JSON.stringify([position.createdAt, position.id]),
    'utf8',
  ).toString('base64url');
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The position a cursor of {@link encodeRunCursor} stands for; anything else is a 400
 * naming the parameter.
 *
 * @internal
 */
export function decodeRunCursor(cursor: string): RunPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    ISO.test(value[0]) &&
    !Number.isNaN(new Date(value[0]).getTime()) &&
    typeof value[1] === 'string' &&
    UUID.test(value[1])
  ) {
    return { createdAt: value[0], id: value[1] };
  }
  throw new InputError('cursor: not a cursor this API gave out');
}
