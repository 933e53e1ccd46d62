import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * The entities a caller may read in the catalog: every entity, or exactly those in `refs`
 * (stringified, as the compliance tables store them). Reads that span many entities count
 * and list only these.
 *
 * @internal
 */
export type VisibleEntities =
  | { all: true }
  | { all: false; refs: ReadonlySet<string> };

/** No filtering: for internal work (sweeps, notifications) and callers allowed to read everything. @internal */
export const ALL_ENTITIES: VisibleEntities = { all: true };

/** Nothing is visible: a caller denied catalog read. @internal */
export const NO_ENTITIES: VisibleEntities = { all: false, refs: new Set() };

/** Whether the entity is visible. @internal */
export function isVisible(
  visible: VisibleEntities,
  entityRef: string,
): boolean {
  return visible.all || visible.refs.has(entityRef);
}

/** The refs to restrict a store query to, or undefined when nothing is to be filtered. @internal */
export function visibleRefs(
  visible: VisibleEntities,
): ReadonlySet<string> | undefined {
  return visible.all ? undefined : visible.refs;
}

/** The catalog page size when listing what a caller can see. */
const PAGE_SIZE = 1000;
const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/**
 * Returns a function that finds out which entities a caller may read, by asking the
 * permission framework about `catalog.entity.read` — for users and service principals alike.
 *
 * ALLOW (the common case, and what the permission backend answers when no policy restricts
 * reads) costs one permission call and filters nothing, so the reads keep their fast paths.
 * DENY shows nothing. CONDITIONAL asks the catalog, with `catalogCredentials` (the caller's own
 * for a user, so the catalog applies the conditions; see AccessControl for services), for the
 * refs of every entity the caller can see.
 *
 * @internal
 */
export function createVisibleEntities(options: {
  permissions: PermissionsService;
  catalog: CatalogService;
}): (
  credentials: BackstageCredentials,
  catalogCredentials?: BackstageCredentials,
) => Promise<VisibleEntities> {
  const { permissions, catalog } = options;
  return async (credentials, catalogCredentials = credentials) => {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision?.result === AuthorizeResult.ALLOW) return ALL_ENTITIES;
    // Anything else that is not a condition (DENY, or no answer at all) shows nothing.
    if (decision?.result !== AuthorizeResult.CONDITIONAL) return NO_ENTITIES;

    const refs = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE, fields: REF_FIELDS }
          : { limit: PAGE_SIZE, fields: REF_FIELDS, totalItems: 'exclude' },
        { credentials: catalogCredentials },
      );
      for (const entity of page.items) refs.add(stringifyEntityRef(entity));
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return { all: false, refs };
  };
}
