import { ResponseError } from '@backstage/errors';
import createClient from 'openapi-fetch';
import type { paths } from './schema/openapi';
import type {
  DeploymentAuditEvent,
  DeploymentAuditQuery,
  DeploymentAuditVerification,
  DeploymentRun,
  DeploymentRunList,
  DeploymentRunQuery,
  DeploymentVersionInput,
  DeploymentVersionRegistration,
  DoraMetrics,
  DoraMetricsQuery,
  HistoryImportResult,
  ImportedDeployment,
} from './types';

/** The subset of Backstage's DiscoveryApi / DiscoveryService the client needs. @public */
export type DeploymentsDiscovery = {
  getBaseUrl(pluginId: string): Promise<string>;
};

/** The subset of Backstage's FetchApi the client needs. @public */
export type DeploymentsFetch = {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
};

/** Options a caller may pass, e.g. a service token on the backend. @public */
export type DeploymentsRequestOptions = { token?: string };

/** Leaves out empty strings and undefined, which mean "no filter" in forms. */
function withoutEmpty<T extends Record<string, unknown>>(query: T): T {
  return Object.fromEntries(
    Object.entries(query).filter(
      ([, value]) => value !== '' && value !== null && value !== undefined,
    ),
  ) as T;
}

/**
 * A typed client for the deployments backend's HTTP API, usable from the frontend (with
 * fetchApi/discoveryApi), from other backend plugins and from CI scripts (with a token).
 * Paths, parameters, bodies and responses are typed by the types generated from the
 * backend's OpenAPI document, so the client cannot drift from the API. An error response
 * is thrown as a `ResponseError` carrying the server's message.
 *
 * @public
 */
export class DeploymentsClient {
  private readonly discovery: DeploymentsDiscovery;
  private readonly fetchApi: DeploymentsFetch;

  constructor(options: {
    discoveryApi: DeploymentsDiscovery;
    fetchApi?: DeploymentsFetch;
  }) {
    this.discovery = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? {
      fetch: (input, init) => fetch(input, init),
    };
  }

  /**
   * Registers a build (permission `deployments.version.create` on the entity). Registering
   * the same version with the same commit again changes nothing and answers
   * `created: false`; with another commit it fails with a 409 `ResponseError`.
   */
  async registerVersion(
    input: DeploymentVersionInput,
    options?: DeploymentsRequestOptions,
  ): Promise<DeploymentVersionRegistration> {
    const client = await this.client();
    const { data } = await client.request('post', '/versions', {
      ...this.init(options),
      body: input,
    });
    return data!;
  }

  /**
   * Imports past deployments, all or nothing (permission `deployments.history.import` on
   * each entity). Deployments imported before with the same fields count as unchanged.
   * At most 10,000 per call: send a longer history in several calls.
   */
  async importHistory(
    deployments: ImportedDeployment[],
    options?: DeploymentsRequestOptions,
  ): Promise<HistoryImportResult> {
    const client = await this.client();
    const { data } = await client.request('post', '/history/import', {
      ...this.init(options),
      body: { deployments },
    });
    return data!;
  }

  /** A page of runs, newest first; pass the page's `nextCursor` as `cursor` for the next. */
  async listRuns(
    query: DeploymentRunQuery = {},
    options?: DeploymentsRequestOptions,
  ): Promise<DeploymentRunList> {
    const client = await this.client();
    const { data } = await client.request('get', '/runs', {
      ...this.init(options),
      params: { query: withoutEmpty(query) },
    });
    return data!;
  }

  /** One run; a 404 `ResponseError` when it does not exist or is not visible to the caller. */
  async getRun(
    id: string,
    options?: DeploymentsRequestOptions,
  ): Promise<DeploymentRun> {
    const client = await this.client();
    const { data } = await client.request('get', '/runs/{id}', {
      ...this.init(options),
      params: { path: { id } },
    });
    return data!;
  }

  /**
   * The DORA figures of one entity, of a group with the groups below it (`ownerRef`), or of
   * the organisation (neither), over `from`..`to` (the last 30 days when absent).
   */
  async getDoraMetrics(
    query: DoraMetricsQuery = {},
    options?: DeploymentsRequestOptions,
  ): Promise<DoraMetrics> {
    const client = await this.client();
    const { data } = await client.request('get', '/metrics/dora', {
      ...this.init(options),
      params: { query: withoutEmpty(query) },
    });
    return data!;
  }

  /** The audit rows, oldest first, each with its hashes. */
  async exportAudit(
    query: DeploymentAuditQuery = {},
    options?: DeploymentsRequestOptions,
  ): Promise<DeploymentAuditEvent[]> {
    const client = await this.client();
    const { data } = await client.request('get', '/audit', {
      ...this.init(options),
      params: { query: withoutEmpty({ ...query, format: 'json' as const }) },
    });
    return (data as { items: DeploymentAuditEvent[] }).items;
  }

  /** The audit rows as CSV for a spreadsheet (formula-like cells are neutralised). */
  async exportAuditCsv(
    query: DeploymentAuditQuery = {},
    options?: DeploymentsRequestOptions,
  ): Promise<string> {
    const client = await this.client();
    const { data } = await client.request('get', '/audit', {
      ...this.init(options),
      params: { query: withoutEmpty({ ...query, format: 'csv' as const }) },
      parseAs: 'text',
    });
    return data as unknown as string;
  }

  /** Recomputes the audit chain; `firstBroken` names the first row where it does not hold. */
  async verifyAudit(
    options?: DeploymentsRequestOptions,
  ): Promise<DeploymentAuditVerification> {
    const client = await this.client();
    const { data } = await client.request(
      'get',
      '/audit/verify',
      this.init(options),
    );
    return data!;
  }

  /**
   * A client for the backend's current address. Error responses are thrown before the
   * client reads them, as `ResponseError` with the server's message, so that callers get
   * either the typed body or an error.
   */
  private async client() {
    const baseUrl = await this.discovery.getBaseUrl('deployments');
    return createClient<paths>({
      baseUrl,
      fetch: async request => {
        // Handed on as URL and options, not as the Request: Backstage's fetch middlewares
        // each build a Request from their input, and a Request with a body can be read from
        // only once, so a second middleware would fail on it (in browsers, for every POST).
        const response = await this.fetchApi.fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body ? await request.text() : undefined,
          signal: request.signal,
        });
        if (!response.ok) {
          throw await ResponseError.fromResponse(response);
        }
        return response;
      },
    });
  }

  private init(options?: DeploymentsRequestOptions) {
    return options?.token
      ? { headers: { Authorization: `Bearer ${options.token}` } }
      : {};
  }
}
