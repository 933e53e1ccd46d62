import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { storedRef } from './entityRefs';

/**
 * The entities a caller may read in the catalog: every entity, or exactly those in `refs`
 * (in stored form). Reads over many entities count and list only these.
 *
 * @internal
 */
export type VisibleEntities =
  | { all: true }
  | { all: false; refs: ReadonlySet<string> };

/** Whether the entity (a stored ref) is visible. @internal */
export function isVisible(
  visible: VisibleEntities,
  entityRef: string,
): boolean {
  return visible.all || visible.refs.has(entityRef);
}

/** Only the refs the caller may see, of `refs`. @internal */
export function visibleOnly(
  visible: VisibleEntities,
  refs: Iterable<string>,
): Set<string> {
  return new Set([...refs].filter(ref => isVisible(visible, ref)));
}

const PAGE_SIZE = 1000;
const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/**
 * Which entities a caller may read, by asking the permission framework about
 * `catalog.entity.read`. ALLOW (the common case) costs one permission call and filters
 * nothing; DENY shows nothing; CONDITIONAL asks the catalog, with the caller's own
 * credentials (so that the catalog applies the conditions; see AccessControl for
 * services), for the refs of every entity the caller can see.
 *
 * @internal
 */
export async function visibleEntities(
  options: { permissions: PermissionsService; catalog: CatalogService },
  credentials: BackstageCredentials,
  { catalogCredentials = credentials } = {},
): Promise<VisibleEntities> {
  const [decision] = await options.permissions.authorizeConditional(
    [{ permission: catalogEntityReadPermission }],
    { credentials },
  );
  if (decision?.result === AuthorizeResult.ALLOW) return { all: true };
  if (decision?.result !== AuthorizeResult.CONDITIONAL) {
    return { all: false, refs: new Set() };
  }
  const refs = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await options.catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE, fields: REF_FIELDS }
        : { limit: PAGE_SIZE, fields: REF_FIELDS, totalItems: 'exclude' },
      { credentials: catalogCredentials },
    );
    for (const entity of page.items) refs.add(storedRef(entity));
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return { all: false, refs };
}
