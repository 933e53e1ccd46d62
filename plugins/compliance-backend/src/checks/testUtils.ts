// Helpers for the checks' tests. Production code must not import this file.
import { type Entity, parseLocationRef } from '@backstage/catalog-model';
import { dirname, join } from 'node:path';
import type {
  CheckContext,
  CheckOutcome,
  ComplianceCheck,
} from '@runway/plugin-compliance-node';
import { InMemoryCatalogIndex } from '../catalog/InMemoryCatalogIndex';

/** Builds an entity; `metadata` is merged over `{ name }`. @internal */
export function entity(
  kind: string,
  name: string,
  spec: Record<string, unknown> = {},
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, ...metadata },
    // Tests feed malformed data (undefined, numbers…) on purpose.
    spec: spec as Entity['spec'],
  };
}

/** @internal */
export function group(name: string, parent?: string, namespace?: string) {
  return entity(
    'Group',
    name,
    { type: 'team', children: [], ...(parent ? { parent } : {}) },
    namespace ? { namespace } : {},
  );
}

/** @internal */
export function user(name: string, memberOf: string[] = []): Entity {
  return entity('User', name, { memberOf });
}

/** @internal */
export function component(
  name: string,
  spec: Record<string, unknown> = {},
  annotations: Record<string, string> = {},
): Entity {
  return entity(
    'Component',
    name,
    { type: 'service', lifecycle: 'production', ...spec },
    { annotations },
  );
}

/**
 * A `CheckContext` over the given entities. `files` maps URLs to their content, or to an
 * Error that `readUrl` rejects with; other URLs do not exist. `diskFiles` does the same for
 * `readFileBesideLocation`, by absolute path (the location's folder joined with the path).
 *
 * @internal
 */
export function createTestContext(
  options: {
    entities?: Entity[];
    files?: Record<string, string | Error>;
    diskFiles?: Record<string, string | Error>;
    publishedDocs?: string[];
    options?: Record<string, unknown>;
  } = {},
): CheckContext & {
  readUrl: jest.Mock;
  readFileBesideLocation: jest.Mock;
} {
  const lookUp = (files: Record<string, string | Error>, key: string) => {
    const file = files[key];
    if (file instanceof Error) {
      throw file;
    }
    return file;
  };
  return {
    catalog: InMemoryCatalogIndex.fromEntities(options.entities ?? []),
    readUrl: jest.fn(async (url: string) => lookUp(options.files ?? {}, url)),
    readFileBesideLocation: jest.fn(async (location: string, path: string) =>
      lookUp(
        options.diskFiles ?? {},
        join(dirname(parseLocationRef(location).target), path),
      ),
    ),
    isTechDocsPublished: async (ref: string) =>
      (options.publishedDocs ?? []).includes(ref),
    options: options.options ?? {},
  };
}

/**
 * A check's outcome as a promise, whether the check answers at once or asynchronously (a
 * throw becomes a rejection), so tests can use `resolves` and `rejects` alike.
 *
 * @internal
 */
export function outcomeOf(
  check: ComplianceCheck,
  ...args: Parameters<ComplianceCheck['evaluate']>
): Promise<CheckOutcome> {
  return Promise.resolve().then(() => check.evaluate(...args));
}
