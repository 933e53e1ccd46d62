import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

const TECHDOCS_REF = 'backstage.io/techdocs-ref';

/** Whether the sync stream ended with `event: finish` and `{"updated":true}`: a new build. */
function wasUpdated(body: string): boolean {
  const finish = /event: finish\ndata: (.*)\n/.exec(body);
  if (!finish) return false;
  try {
    return JSON.parse(finish[1])?.updated === true;
  } catch {
    return false;
  }
}

const REFS_PER_REQUEST = 200;
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

/** The result of a prebuild run. @internal */
export type PrebuildResult = {
  /** Entities whose docs are up to date now (built anew or already current). */
  built: number;
  /** Refs of the entities whose build failed. */
  failed: string[];
  /** Of the `entityRefs` asked for, those the catalog does not have (yet). */
  missing: string[];
};

/**
 * Asks the TechDocs backend to sync (build if stale, then publish) the docs of every entity
 * that has a techdocs-ref, or of those of `entityRefs` that have one, one at a time: mkdocs
 * is CPU-heavy and the portal must stay responsive while this runs.
 *
 * @internal
 */
export async function prebuildTechDocs(options: {
  catalog: CatalogService;
  auth: AuthService;
  discovery: DiscoveryService;
  logger: LoggerService;
  fetchFn?: typeof fetch;
  /** Called after docs were built and published anew (not when they were up to date). */
  onPublished?: (entity: { entityRef: string; kind: string }) => Promise<void>;
  /** Only these entities (those without a techdocs-ref are skipped); default: all. */
  entityRefs?: Iterable<string>;
}): Promise<PrebuildResult> {
  const { catalog, auth, discovery, logger } = options;
  const fetchFn = options.fetchFn ?? fetch;
  const credentials = await auth.getOwnServiceCredentials();
  const missing: string[] = [];
  let items: Entity[];
  if (options.entityRefs) {
    const entityRefs = [...new Set(options.entityRefs)];
    items = [];
    // In chunks: a first ingestion announces the whole catalog at once.
    for (let i = 0; i < entityRefs.length; i += REFS_PER_REQUEST) {
      const chunk = entityRefs.slice(i, i + REFS_PER_REQUEST);
      const response = await catalog.getEntitiesByRefs(
        { entityRefs: chunk, fields: FIELDS },
        { credentials },
      );
      for (const [j, entity] of response.items.entries()) {
        if (!entity) missing.push(chunk[j]);
        else if (entity.metadata.annotations?.[TECHDOCS_REF]) {
          items.push(entity);
        }
      }
    }
  } else {
    ({ items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${TECHDOCS_REF}`]: CATALOG_FILTER_EXISTS,
        },
        fields: FIELDS,
      },
      { credentials },
    ));
  }
  const baseUrl = await discovery.getBaseUrl('techdocs');
  const failed: string[] = [];
  for (const entity of items) {
    const { kind, namespace, name } = getCompoundEntityRef(entity);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'techdocs',
    });
    try {
      const response = await fetchFn(
        `${baseUrl}/sync/${[namespace, kind.toLocaleLowerCase('en-US'), name]
          .map(encodeURIComponent)
          .join('/')}`,
        {
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'text/event-stream',
          },
        },
      );
      // The sync endpoint streams build progress; the body ends when the build is done.
      const body = await response.text();
      if (!response.ok || body.includes('event: error')) {
        failed.push(stringifyEntityRef(entity));
        logger.warn(
          `TechDocs prebuild of ${stringifyEntityRef(entity)} failed`,
        );
      } else if (wasUpdated(body)) {
        await options.onPublished?.({
          entityRef: stringifyEntityRef(entity),
          kind,
        });
      }
    } catch (error) {
      failed.push(stringifyEntityRef(entity));
      logger.warn(
        `TechDocs prebuild of ${stringifyEntityRef(entity)} failed: ${error}`,
      );
    }
  }
  return { built: items.length - failed.length, failed, missing };
}
