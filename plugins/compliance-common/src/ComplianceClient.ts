import { ResponseError } from '@backstage/errors';
import createClient from 'openapi-fetch';
import type { paths } from './schema/openapi';
import type {
  CheckSummary,
  ComplianceRollup,
  DeclarativeCheckDefinition,
  DraftEvaluation,
  DryRunResult,
  EntityCompliance,
  Exemption,
  ExemptionDecisionInput,
  ExemptionInput,
  ExemptionStatus,
  ExternalResultInput,
  GateDecision,
  RollupScope,
} from './types';
import type {
  Campaign,
  CampaignInput,
  CampaignProgress,
  CampaignStatus,
  CampaignSummary,
} from './campaigns';
import type {
  EntityComplianceList,
  EntityComplianceQuery,
  LevelTrend,
  LevelTrendQuery,
} from './reports';
import { nestOrgTree, type OrgTreeNode } from './orgTree';

/** The subset of Backstage's DiscoveryApi / DiscoveryService the client needs. @public */
export type ComplianceDiscovery = {
  getBaseUrl(pluginId: string): Promise<string>;
};

/** The subset of Backstage's FetchApi the client needs. @public */
export type ComplianceFetch = {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
};

/** Options a caller may pass, e.g. a service token on the backend. @public */
export type ComplianceRequestOptions = { token?: string };

/** A draft entity, as the catalog would hold it (only its basic shape is required). @public */
export type ComplianceDraftEntity = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  spec?: { [key: string]: unknown };
  [key: string]: unknown;
};

/** Splits `kind:namespace/name` into its parts (kind and namespace may be omitted). */
function entityPath(entityRef: string) {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(entityRef);
  if (!match) {
    throw new TypeError(`Invalid entity ref '${entityRef}'`);
  }
  return {
    kind: (match[1] ?? 'component').toLocaleLowerCase('en-US'),
    namespace: match[2] ?? 'default',
    name: match[3],
  };
}

/** Leaves out empty strings, which mean "no filter" in forms. */
function withoutEmpty<T extends Record<string, unknown>>(query: T): T {
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== '' && value !== null),
  ) as T;
}

/**
 * A typed client for the compliance backend's HTTP API, usable from the frontend (with
 * fetchApi/discoveryApi) and from other backend plugins (with a service token). Paths,
 * parameters, bodies and responses are typed by the types generated from the backend's
 * OpenAPI document, so the client cannot drift from the API. An error response is thrown as
 * a `ResponseError` carrying the server's message.
 *
 * @public
 */
export class ComplianceClient {
  private readonly discovery: ComplianceDiscovery;
  private readonly fetchApi: ComplianceFetch;

  constructor(options: {
    discoveryApi: ComplianceDiscovery;
    fetchApi?: ComplianceFetch;
  }) {
    this.discovery = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? {
      fetch: (input, init) => fetch(input, init),
    };
  }

  /** Every check the backend runs: builtin, declarative, code and external. */
  async listChecks(
    options?: ComplianceRequestOptions,
  ): Promise<CheckSummary[]> {
    const client = await this.client();
    const { data } = await client.request('get', '/checks', this.init(options));
    return data!.items;
  }

  /**
   * One entity's level, check results, exemptions and history. Fails with a 404
   * `ResponseError` when the entity is not in the catalog or not visible to the caller.
   */
  async getEntity(
    entityRef: string,
    options?: ComplianceRequestOptions,
  ): Promise<EntityCompliance> {
    const client = await this.client();
    const { data } = await client.request(
      'get',
      '/entities/{kind}/{namespace}/{name}',
      {
        ...this.init(options),
        params: { path: entityPath(entityRef) },
      },
    );
    return data!;
  }

  /** Re-evaluates one entity now (permission `compliance.evaluate`) and returns the result. */
  async evaluate(
    entityRef: string,
    options?: ComplianceRequestOptions,
  ): Promise<EntityCompliance> {
    const client = await this.client();
    const { data } = await client.request(
      'post',
      '/entities/{kind}/{namespace}/{name}/evaluate',
      { ...this.init(options), params: { path: entityPath(entityRef) } },
    );
    return data!;
  }

  /** How an entity that is not in the catalog (yet) would fare; nothing is stored. */
  async dryRunEntity(
    entity: ComplianceDraftEntity,
    options?: ComplianceRequestOptions,
  ): Promise<DraftEvaluation> {
    const client = await this.client();
    const { data } = await client.request('post', '/entities/dry-run', {
      ...this.init(options),
      body: { entity },
    });
    return data!;
  }

  /**
   * Counts for everything a group owns (including the groups below it), a system, a domain,
   * or, with an empty query, the whole organisation.
   */
  async getRollup(
    query: RollupScope,
    options?: ComplianceRequestOptions,
  ): Promise<ComplianceRollup> {
    const client = await this.client();
    const { data } = await client.request('get', '/rollup', {
      ...this.init(options),
      params: { query: withoutEmpty(query) },
    });
    return data!;
  }

  /** Whether the entity may be deployed to the environment, and why not. */
  async getGate(
    query: { entityRef: string; environment: string },
    options?: ComplianceRequestOptions,
  ): Promise<GateDecision> {
    const client = await this.client();
    const { data } = await client.request('get', '/gate', {
      ...this.init(options),
      params: { query },
    });
    return data!;
  }

  /** Runs a declarative check over the catalog without storing anything. */
  async dryRun(
    check: DeclarativeCheckDefinition,
    options?: ComplianceRequestOptions,
  ): Promise<DryRunResult> {
    const client = await this.client();
    const { data } = await client.request('post', '/checks/dry-run', {
      ...this.init(options),
      body: { check },
    });
    return data!;
  }

  /** Stores the result of an external check, as CI does. */
  async pushResult(
    result: ExternalResultInput,
    options?: ComplianceRequestOptions,
  ): Promise<void> {
    const client = await this.client();
    await client.request('post', '/results', {
      ...this.init(options),
      body: result,
    });
  }

  /** Exemptions newest first: of one entity, or of every entity the caller may see. */
  async listExemptions(
    query: { entityRef?: string; status?: ExemptionStatus } = {},
    options?: ComplianceRequestOptions,
  ): Promise<Exemption[]> {
    const client = await this.client();
    const { data } = await client.request('get', '/exemptions', {
      ...this.init(options),
      params: { query: withoutEmpty(query) },
    });
    return data!.items;
  }

  /**
   * Asks for an exemption from a failing check until `expiresAt` (ISO 8601; permission
   * `compliance.exemption.create`). The exemption is pending until someone else decides it.
   */
  async requestExemption(
    input: ExemptionInput,
    options?: ComplianceRequestOptions,
  ): Promise<Exemption> {
    const client = await this.client();
    const { data } = await client.request('post', '/exemptions', {
      ...this.init(options),
      body: input,
    });
    return data!;
  }

  /**
   * Approves or rejects a pending exemption (permission `compliance.exemption.approve`);
   * nobody may decide their own request.
   */
  async decideExemption(
    id: string,
    decision: ExemptionDecisionInput,
    options?: ComplianceRequestOptions,
  ): Promise<Exemption> {
    const client = await this.client();
    const { data } = await client.request('post', '/exemptions/{id}/decision', {
      ...this.init(options),
      params: { path: { id } },
      body: decision,
    });
    return data!;
  }

  /** Campaigns, newest first, each with its entity and done counts. */
  async listCampaigns(
    query: { status?: CampaignStatus } = {},
    options?: ComplianceRequestOptions,
  ): Promise<CampaignSummary[]> {
    const client = await this.client();
    const { data } = await client.request('get', '/campaigns', {
      ...this.init(options),
      params: { query },
    });
    return data!.items;
  }

  /** The campaign with its progress and burn-up. */
  async getCampaign(
    id: string,
    options?: ComplianceRequestOptions,
  ): Promise<CampaignProgress> {
    const client = await this.client();
    const { data } = await client.request('get', '/campaigns/{id}', {
      ...this.init(options),
      params: { path: { id } },
    });
    return data!;
  }

  /**
   * Starts a campaign and notifies the owners of entities that do not meet it yet
   * (permission `compliance.campaign.manage`).
   */
  async createCampaign(
    input: CampaignInput,
    options?: ComplianceRequestOptions,
  ): Promise<Campaign> {
    const client = await this.client();
    const { data } = await client.request('post', '/campaigns', {
      ...this.init(options),
      body: input,
    });
    return data!;
  }

  /** Ends an active campaign (permission `compliance.campaign.manage`). */
  async endCampaign(
    id: string,
    options?: ComplianceRequestOptions,
  ): Promise<Campaign> {
    const client = await this.client();
    const { data } = await client.request('post', '/campaigns/{id}/end', {
      ...this.init(options),
      params: { path: { id } },
      body: {},
    });
    return data!;
  }

  /** A page of entities with their level and every check's status, filtered on the server. */
  async listEntities(
    query: EntityComplianceQuery = {},
    options?: ComplianceRequestOptions,
  ): Promise<EntityComplianceList> {
    const client = await this.client();
    const { data } = await client.request('get', '/entities', {
      ...this.init(options),
      params: { query: withoutEmpty(query) },
    });
    return data!;
  }

  /** The root groups of the organisation, each with its subgroups and counts. */
  async getOrgTree(options?: ComplianceRequestOptions): Promise<OrgTreeNode[]> {
    const client = await this.client();
    const { data } = await client.request(
      'get',
      '/org-tree',
      this.init(options),
    );
    return nestOrgTree(data!.items);
  }

  /** The level distribution per day over the last `days` days (30 when absent). */
  async getTrend(
    query: LevelTrendQuery = {},
    options?: ComplianceRequestOptions,
  ): Promise<LevelTrend> {
    const client = await this.client();
    const { data } = await client.request('get', '/trend', {
      ...this.init(options),
      params: { query: withoutEmpty(query) },
    });
    return data!;
  }

  /**
   * A client for the backend's current address. Error responses are thrown before the
   * client reads them, as `ResponseError` with the server's message, so that callers get
   * either the typed body or an error.
   */
  private async client() {
    const baseUrl = await this.discovery.getBaseUrl('compliance');
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

  private init(options?: ComplianceRequestOptions) {
    return options?.token
      ? { headers: { Authorization: `Bearer ${options.token}` } }
      : {};
  }
}
