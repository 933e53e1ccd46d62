import { createHash } from 'node:crypto';
import type { Entity } from '@backstage/catalog-model';

/**
 * JSON with object keys sorted, so that equal content gives equal text whatever the key
 * order of the YAML it came from. Values JSON leaves out (undefined, functions) are left out.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(item => stableStringify(item)).join(',')}]`;
  }
  const entries = Object.keys(value)
    .sort()
    .flatMap(key => {
      const item = (value as Record<string, unknown>)[key];
      return item === undefined || typeof item === 'function'
        ? []
        : [`${JSON.stringify(key)}:${stableStringify(item)}`];
    });
  return `{${entries.join(',')}}`;
}

/**
 * A SHA-256 of what an entity says: kind, metadata and spec. `uid`, `etag` and `generation`
 * are left out because the catalog sets them, not the entity's author.
 *
 * @internal
 */
export function entityContentHash(entity: Entity): string {
  const {
    uid: _uid,
    etag: _etag,
    generation: _generation,
    ...metadata
  } = entity.metadata as Entity['metadata'] & { generation?: unknown };
  return createHash('sha256')
    .update(stableStringify({ kind: entity.kind, metadata, spec: entity.spec }))
    .digest('hex');
}
