import type {
  AuthService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';
import pLimit from 'p-limit';
import { Readable } from 'node:stream';
import {
  CatalogOwnerStatusResolver,
  ownerRefOf,
} from '../trust/CatalogOwnerStatusResolver';
import type {
  OwnerStatus,
  OwnerStatusResolver,
} from '../trust/OwnerStatusResolver';
import {
  TECHDOCS_SECTIONS_DOCUMENT_TYPE,
  type TechDocsSectionDocument,
} from '../types';
import { buildSectionDocuments } from './buildSectionDocuments';
import { type SplitPage, splitSections } from './splitSections';
import { type DocsSiteName, TechDocsSiteReader } from './TechDocsSiteReader';

const TECHDOCS_REF = 'backstage.io/techdocs-ref';
const DEFAULT_LOCATION_TEMPLATE = '/docs/:namespace/:kind/:name/:path';
const DEFAULT_STALE_AFTER: HumanDuration = { days: 365 };
/** Pages of one site read at a time. */
const PAGE_CONCURRENCY = 4;

/** An entity's pages as last read, and which published version of the site they are. */
type CachedSite = {
  version?: string;
  readAt: string;
  siteName?: string;
  /** When TechDocs built the site (ISO 8601). */
  builtAt?: string;
  pages: Array<{ location: string; title: string; split: SplitPage }>;
};

/**
 * How fresh the sections index is: when the last crawl ran and what it held.
 *
 * @public
 */
export type TechDocsSectionsIndexFreshness = {
  /** When the last complete crawl started (ISO 8601); absent before the first one ended. */
  lastCrawlStartedAt?: string;
  /** When it ended. */
  lastCrawlCompletedAt?: string;
  /** Entities with published docs in it. */
  entities: number;
  sections: number;
};

/**
 * Options of {@link TechDocsSectionsCollatorFactory}.
 *
 * @public
 */
export type TechDocsSectionsCollatorFactoryOptions = {
  discovery: DiscoveryService;
  auth: AuthService;
  catalog: CatalogService;
  logger: LoggerService;
  /** Default: from the catalog (owner exists, is a Group with members). */
  ownerStatus?: OwnerStatusResolver;
  /** Like the stock collator's; default `/docs/:namespace/:kind/:name/:path`. */
  locationTemplate?: string;
  /** Entities read at a time; default 10. */
  parallelismLimit?: number;
  /** Keep the entity's casing in docs paths (`techdocs.legacyUseCaseSensitiveTripletPaths`). */
  legacyPathCasing?: boolean;
  /** A page last updated longer ago than this is stale; default 365 days. */
  staleAfter?: HumanDuration;
  /** For tests. */
  fetch?: typeof fetch;
  /** For tests. */
  now?: () => Date;
};

/**
 * Collates published TechDocs into one search record per section (heading) of each page,
 * with the entity's fields, trust fields and the fields the section translator ranks on.
 *
 * Pages are read from the TechDocs backend like the stock collator reads
 * `search_index.json`, and split from their rendered HTML: MkDocs' search index has each
 * page once whole and again per heading, and flattens the heading hierarchy and code. A
 * site's pages are read again only when TechDocs published a new version of it (its
 * metadata's build time and etag) or {@link TechDocsSectionsCollatorFactory.invalidate} was
 * called for it; trust fields are worked out anew on every crawl.
 *
 * @public
 */
export class TechDocsSectionsCollatorFactory
  implements DocumentCollatorFactory
{
  /** The stock TechDocs collator's type, so that TechDocs' own search UI finds sections. */
  readonly type = TECHDOCS_SECTIONS_DOCUMENT_TYPE;
  /** A record is visible to whoever may read its entity (`authorization.resourceRef`). */
  readonly visibilityPermission = catalogEntityReadPermission;

  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #reader: TechDocsSiteReader;
  readonly #ownerStatus: OwnerStatusResolver;
  readonly #locationTemplate: string;
  readonly #parallelismLimit: number;
  readonly #legacyPathCasing: boolean;
  readonly #staleAfterMs: number;
  readonly #now: () => Date;
  readonly #sites = new Map<string, CachedSite>();
  #freshness: TechDocsSectionsIndexFreshness = { entities: 0, sections: 0 };

  /**
   * A collator configured like the stock TechDocs collator:
   * `search.collators.techdocs.locationTemplate` and `.parallelismLimit`, and
   * `techdocs.legacyUseCaseSensitiveTripletPaths`.
   */
  static fromConfig(
    config: RootConfigService,
    options: Omit<
      TechDocsSectionsCollatorFactoryOptions,
      'locationTemplate' | 'parallelismLimit' | 'legacyPathCasing'
    >,
  ): TechDocsSectionsCollatorFactory {
    return new TechDocsSectionsCollatorFactory({
      ...options,
      locationTemplate: config.getOptionalString(
        'search.collators.techdocs.locationTemplate',
      ),
      parallelismLimit: config.getOptionalNumber(
        'search.collators.techdocs.parallelismLimit',
      ),
      legacyPathCasing: config.getOptionalBoolean(
        'techdocs.legacyUseCaseSensitiveTripletPaths',
      ),
    });
  }

  constructor(options: TechDocsSectionsCollatorFactoryOptions) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger.child({ documentType: this.type });
    this.#reader = new TechDocsSiteReader({
      discovery: options.discovery,
      auth: options.auth,
      fetch: options.fetch,
    });
    this.#ownerStatus =
      options.ownerStatus ??
      new CatalogOwnerStatusResolver({
        catalog: options.catalog,
        auth: options.auth,
      });
    this.#locationTemplate =
      options.locationTemplate ?? DEFAULT_LOCATION_TEMPLATE;
    this.#parallelismLimit = options.parallelismLimit ?? 10;
    this.#legacyPathCasing = options.legacyPathCasing ?? false;
    this.#staleAfterMs = durationToMilliseconds(
      options.staleAfter ?? DEFAULT_STALE_AFTER,
    );
    this.#now = options.now ?? (() => new Date());
  }

  /** A stream of every section record, for the search backend's indexer. */
  async getCollator(): Promise<Readable> {
    return Readable.from(this.#crawl());
  }

  /**
   * Makes the next crawl read this entity's pages again, whatever version TechDocs reports
   * (e.g. when TechDocs has just published it).
   */
  invalidate(entityRef: string): void {
    try {
      this.#sites.delete(stringifyEntityRef(parseEntityRef(entityRef)));
    } catch {
      // Not an entity ref: nothing of it is cached.
    }
  }

  /** When the index was last rebuilt, and its size. */
  getIndexFreshness(): TechDocsSectionsIndexFreshness {
    return { ...this.#freshness };
  }

  async *#crawl(): AsyncGenerator<TechDocsSectionDocument> {
    const startedAt = this.#now();
    const limit = pLimit(this.#parallelismLimit);
    const present = new Set<string>();
    let sections = 0;
    let read = 0;
    let cursor: string | undefined;
    do {
      const response = await this.#catalog.queryEntities(
        cursor
          ? { cursor, limit: this.#parallelismLimit * 50 }
          : {
              filter: {
                [`metadata.annotations.${TECHDOCS_REF}`]: CATALOG_FILTER_EXISTS,
              },
              limit: this.#parallelismLimit * 50,
            },
        { credentials: await this.#auth.getOwnServiceCredentials() },
      );
      cursor = response.pageInfo.nextCursor;
      const entities = response.items.filter(
        entity => entity.metadata.annotations?.[TECHDOCS_REF],
      );
      const statuses = await this.#ownerStatus.resolve(entities);
      const batches = await Promise.all(
        entities.map(entity =>
          limit(async () => {
            const entityRef = stringifyEntityRef(entity);
            const cachedBefore = this.#sites.get(entityRef);
            const site = await this.#readSite(entity, entityRef);
            return {
              entityRef,
              readAnew: site !== undefined && site !== cachedBefore,
              documents: site
                ? this.#documentsOf(
                    entity,
                    site,
                    statuses.get(entityRef) ?? {
                      ownerExists: false,
                      ownerIsActiveTeam: false,
                      source: 'catalog',
                    },
                  )
                : [],
            };
          }),
        ),
      );
      for (const batch of batches) {
        present.add(batch.entityRef);
        if (batch.readAnew) read += 1;
        sections += batch.documents.length;
        yield* batch.documents;
      }
    } while (cursor);

    for (const entityRef of this.#sites.keys()) {
      if (!present.has(entityRef)) this.#sites.delete(entityRef);
    }
    const completedAt = this.#now();
    this.#freshness = {
      lastCrawlStartedAt: startedAt.toISOString(),
      lastCrawlCompletedAt: completedAt.toISOString(),
      entities: [...present].filter(ref => this.#sites.has(ref)).length,
      sections,
    };
    this.#logger.info(
      `Indexed ${sections} TechDocs sections of ${
        this.#freshness.entities
      } entities (${read} read anew) in ${
        completedAt.getTime() - startedAt.getTime()
      } ms`,
    );
  }

  #siteName(entity: Entity): DocsSiteName {
    const name = {
      namespace: entity.metadata.namespace ?? 'default',
      kind: entity.kind,
      name: entity.metadata.name,
    };
    if (this.#legacyPathCasing) return name;
    return {
      namespace: name.namespace.toLocaleLowerCase('en-US'),
      kind: name.kind.toLocaleLowerCase('en-US'),
      name: name.name.toLocaleLowerCase('en-US'),
    };
  }

  /**
   * The site's pages: the cached ones while TechDocs reports the same version, else read
   * anew. When reading fails, the pages read before stay in the index.
   */
  async #readSite(
    entity: Entity,
    entityRef: string,
  ): Promise<CachedSite | undefined> {
    const name = this.#siteName(entity);
    const cached = this.#sites.get(entityRef);
    try {
      const metadata = await this.#reader.readMetadata(name);
      if (!metadata) {
        this.#sites.delete(entityRef);
        return undefined;
      }
      const version =
        metadata.builtAt || metadata.etag
          ? `${metadata.builtAt ?? ''}|${metadata.etag ?? ''}`
          : undefined;
      if (cached && version !== undefined && cached.version === version) {
        return cached;
      }
      const limit = pLimit(PAGE_CONCURRENCY);
      const pages = await this.#reader.listPages(name);
      const read = await Promise.all(
        pages.map(page =>
          limit(async () => {
            const html = await this.#reader.readPage(name, page);
            return html === undefined
              ? undefined
              : { ...page, split: splitSections(html) };
          }),
        ),
      );
      const site: CachedSite = {
        version,
        readAt: this.#now().toISOString(),
        siteName: metadata.siteName,
        builtAt: metadata.builtAt,
        pages: read.filter(<T>(page: T | undefined): page is T => !!page),
      };
      this.#sites.set(entityRef, site);
      return site;
    } catch (error) {
      this.#logger.warn(
        `Could not read the TechDocs of ${entityRef}${
          cached ? '; its sections as read before stay in the index' : ''
        }: ${error}`,
      );
      return cached;
    }
  }

  #documentsOf(
    entity: Entity,
    site: CachedSite,
    ownerStatus: OwnerStatus,
  ): TechDocsSectionDocument[] {
    const ownerRef = ownerRefOf(entity) ?? '';
    const context = {
      entity,
      site: this.#siteName(entity),
      siteName: entity.metadata.title || site.siteName || entity.metadata.name,
      ownerRef,
      owner: ownerRef ? parseEntityRef(ownerRef).name : '',
      ownerStatus,
      builtAt: site.builtAt,
      indexedAt: site.readAt,
    };
    const options = {
      locationTemplate: this.#locationTemplate,
      staleAfterMs: this.#staleAfterMs,
      now: this.#now(),
    };
    return site.pages.flatMap(page =>
      buildSectionDocuments(context, page, options),
    );
  }
}
