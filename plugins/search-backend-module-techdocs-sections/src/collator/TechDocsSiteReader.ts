import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { safePagePath } from './safePagePath';

/** An entity's docs site, as the TechDocs backend addresses it. */
export type DocsSiteName = { namespace: string; kind: string; name: string };

/** What TechDocs recorded when it published the site (`techdocs_metadata.json`). */
export type DocsSiteMetadata = {
  siteName?: string;
  /** When the site was built, ISO 8601. */
  builtAt?: string;
  /** The source's version, for sources that have one (a commit, an ETag). */
  etag?: string;
};

/** A page of the site, from MkDocs' search index. */
export type DocsPage = {
  /** The page's path inside the site, checked by {@link safePagePath}, e.g. `runbook/`. */
  location: string;
  title: string;
};

/** Far more than any docs page; keeps one hostile file from filling the backend's memory. */
const MAX_PAGE_BYTES = 10 * 1024 * 1024;

/**
 * Reads published TechDocs the way the stock TechDocs collator does: from the TechDocs
 * backend (found through discovery), with a token of this plugin's own service credentials,
 * so the publisher (local, S3, GCS, …) and its permission checks stay TechDocs' business.
 */
export class TechDocsSiteReader {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #fetch: typeof fetch;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof fetch;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#fetch = options.fetch ?? fetch;
  }

  /** The site's metadata, or undefined when TechDocs has published nothing for the entity. */
  async readMetadata(
    site: DocsSiteName,
  ): Promise<DocsSiteMetadata | undefined> {
    const response = await this.#get(
      `metadata/techdocs/${this.#entityPath(site)}`,
    );
    if (response.status === 404) return undefined;
    await this.#ensureOk(response, site, 'metadata');
    const json = (await response.json()) as Record<string, unknown>;
    const built = Number(json.build_timestamp);
    return {
      siteName: typeof json.site_name === 'string' ? json.site_name : undefined,
      builtAt:
        Number.isFinite(built) && built > 0
          ? new Date(built).toISOString()
          : undefined,
      etag: typeof json.etag === 'string' ? json.etag : undefined,
    };
  }

  /**
   * The site's pages, as listed in MkDocs' `search/search_index.json` (its entries without
   * an anchor); pages whose location is not a safe relative path are left out.
   */
  async listPages(site: DocsSiteName): Promise<DocsPage[]> {
    const response = await this.#static(site, 'search/search_index.json');
    if (response.status === 404) return [];
    await this.#ensureOk(response, site, 'search index');
    const index = (await response.json()) as {
      docs?: Array<{ location?: unknown; title?: unknown }>;
    };
    const pages = new Map<string, DocsPage>();
    for (const doc of index.docs ?? []) {
      if (typeof doc.location !== 'string' || doc.location.includes('#')) {
        continue;
      }
      const location = safePagePath(doc.location);
      if (location === undefined || pages.has(location)) continue;
      pages.set(location, {
        location,
        title: typeof doc.title === 'string' ? doc.title : '',
      });
    }
    return [...pages.values()];
  }

  /** The rendered HTML of a page, or undefined when it is missing or too large. */
  async readPage(
    site: DocsSiteName,
    page: DocsPage,
  ): Promise<string | undefined> {
    const file =
      page.location === '' || page.location.endsWith('/')
        ? `${page.location}index.html`
        : page.location;
    const response = await this.#static(site, file);
    if (response.status === 404) return undefined;
    await this.#ensureOk(response, site, file);
    const length = Number(response.headers.get('content-length'));
    if (length > MAX_PAGE_BYTES) return undefined;
    const html = await response.text();
    return html.length > MAX_PAGE_BYTES ? undefined : html;
  }

  #entityPath(site: DocsSiteName): string {
    return [site.namespace, site.kind, site.name]
      .map(encodeURIComponent)
      .join('/');
  }

  async #static(site: DocsSiteName, file: string) {
    return this.#get(`static/docs/${this.#entityPath(site)}/${file}`);
  }

  async #get(path: string) {
    const baseUrl = await this.#discovery.getBaseUrl('techdocs');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'techdocs',
    });
    return this.#fetch(`${baseUrl}/${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
  }

  async #ensureOk(response: Response, site: DocsSiteName, what: string) {
    if (response.ok) return;
    // The body is TechDocs' error message; it names no secret, but it can be long.
    await response.body?.cancel();
    throw new Error(
      `TechDocs answered ${response.status} for the ${what} of ${site.kind}:${site.namespace}/${site.name}`,
    );
  }
}
