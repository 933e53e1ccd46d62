import type { JsonObject } from '@backstage/types';
import { createHash } from 'node:crypto';

/** The previous hash of the first row of the chain. @internal */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * An event as the audit chain records it and hashes it. `seq` is its position in the
 * chain, so that a row moved elsewhere no longer matches its hash.
 *
 * @internal
 */
export type ChainedEvent = {
  seq: number;
  type: string;
  entityRef: string;
  actor: string;
  occurredAt: string;
  data: JsonObject;
};

/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace: the one spelling
 * of a value that is hashed. For the values events hold (strings, integers, booleans,
 * null, objects and arrays of them) it is the JSON Canonicalization Scheme (RFC 8785).
 * `undefined` members are left out, as JSON.stringify does; what JSON cannot hold throws.
 *
 * @internal
 */
export function canonicalJson(value: unknown): string {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean'
  ) {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError(`Cannot hash the number ${value}`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(item => canonicalJson(item)).join(',')}]`;
  }
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object)
      .filter(key => object[key] !== undefined)
      .sort();
    return `{${keys
      .map(key => `${JSON.stringify(key)}:${canonicalJson(object[key])}`)
      .join(',')}}`;
  }
  throw new TypeError(`Cannot hash a value of type ${typeof value}`);
}

/**
 * The hash of a row: sha256, in hex, of the previous row's hash followed by the row's
 * canonical event (UTF-8).
 *
 * @internal
 */
export function chainHash(prevHash: string, canonicalEvent: string): string {
  return createHash('sha256')
    .update(prevHash, 'utf8')
    .update(canonicalEvent, 'utf8')
    .digest('hex');
}
