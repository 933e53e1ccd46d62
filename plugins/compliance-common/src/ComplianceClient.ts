import { ResponseError } from '@backstage/errors';
import type {
  ComplianceRollup,
  DeclarativeCheckDefinition,
  DryRunResult,
  EntityCompliance,
  Exemption,
  GateDecision,
  CheckSummary,
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
  OrgTreeNode,
} from './reports';

/** The subset of Backstage's DiscoveryApi / DiscoveryService the client needs. @public */
export type ComplianceDiscovery = {
  getBaseUrl(pluginId: string): Promise<string>;
};
/** The subset of Backstage's FetchApi the client needs. @public */
export type ComplianceFetch = { fetch: typeof fetch };

/** Options a caller may pass, e.g. a service token on the backend. @public */
export type ComplianceRequestOptions = { token?: string };

/** Splits `kind:namespace/name` into its parts (kind and namespace may be omitted). */
function parseRef(entityRef: string) {
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

/** Query parameters as strings; empty and absent values are left out. */
function stringValues(
  params: Record<string, string | number | undefined>,
): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      value === undefined || value === '' ? undefined : String(value),
    ]),
  );
}

/**
 * A typed client for the compliance backend's HTTP API, usable from the frontend
 * (with fetchApi/discoveryApi) and from other backend plugins (with a service token).
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
    this.fetchApi = options.fetchApi ?? { fetch: (...a) => fetch(...a) };
  }

  /** Every check the backend runs: builtin, declarative, code and external. */
  async listChecks(
    options?: ComplianceRequestOptions,
  ): Promise<CheckSummary[]> {
    const body = await this.request<{ items: CheckSummary[] }>(
      'GET',
      '/checks',
      undefined,
      options,
    );
    return body.items;
  }

  /**
   * One entity's level, check results, exemptions and history. Fails with a 404
   * `ResponseError` when the entity is not in the catalog or not visible to the caller.
   */
  getEntity(
    entityRef: string,
    options?: ComplianceRequestOptions,
  ): Promise<EntityCompliance> {
    return this.request('GET', this.entityPath(entityRef), undefined, options);
  }

  /** Re-evaluates one entity now (permission `compliance.evaluate`) and returns the result. */
  evaluate(
    entityRef: string,
    options?: ComplianceRequestOptions,
  ): Promise<EntityCompliance> {
    return this.request(
      'POST',
      `${this.entityPath(entityRef)}/evaluate`,
      {},
      options,
    );
  }

  /**
   * Counts for everything a group owns (including the groups below it), a system, a domain,
   * or, with an empty query, the whole organisation.
   */
  getRollup(
    query: { ownerRef?: string; systemRef?: string; domainRef?: string },
    options?: ComplianceRequestOptions,
  ): Promise<ComplianceRollup> {
    return this.request(
      'GET',
      `/rollup${this.query(query)}`,
      undefined,
      options,
    );
  }

  /** Whether the entity may be deployed to the environment, and why not. */
  getGate(
    query: { entityRef: string; environment: string },
    options?: ComplianceRequestOptions,
  ): Promise<GateDecision> {
    return this.request('GET', `/gate${this.query(query)}`, undefined, options);
  }

  /** Runs a declarative check over the catalog without storing anything. */
  dryRun(
    check: DeclarativeCheckDefinition,
    options?: ComplianceRequestOptions,
  ): Promise<DryRunResult> {
    return this.request('POST', '/checks/dry-run', { check }, options);
  }

  /**
   * Asks for an exemption from a failing check until `expiresAt` (ISO 8601; permission
   * `compliance.exemption.create`). The exemption is pending until someone else decides it.
   */
  requestExemption(
    input: {
      entityRef: string;
      checkId: string;
      reason: string;
      expiresAt: string;
    },
    options?: ComplianceRequestOptions,
  ): Promise<Exemption> {
    return this.request('POST', '/exemptions', input, options);
  }

  /**
   * Approves or rejects a pending exemption (permission `compliance.exemption.approve`);
   * nobody may decide their own request.
   */
  decideExemption(
    id: string,
    decision: { decision: 'approve' | 'reject'; comment?: string },
    options?: ComplianceRequestOptions,
  ): Promise<Exemption> {
    return this.request(
      'POST',
      `/exemptions/${encodeURIComponent(id)}/decision`,
      decision,
      options,
    );
  }

  /** Campaigns, newest first, each with its entity and done counts. */
  async listCampaigns(
    query: { status?: CampaignStatus } = {},
    options?: ComplianceRequestOptions,
  ): Promise<CampaignSummary[]> {
    const body = await this.request<{ items: CampaignSummary[] }>(
      'GET',
      `/campaigns${this.query(query)}`,
      undefined,
      options,
    );
    return body.items;
  }

  /** The campaign with its progress and burn-up. */
  getCampaign(
    id: string,
    options?: ComplianceRequestOptions,
  ): Promise<CampaignProgress> {
    return this.request(
      'GET',
      `/campaigns/${encodeURIComponent(id)}`,
      undefined,
      options,
    );
  }

  /**
   * Starts a campaign and notifies the owners of entities that do not meet it yet
   * (permission `compliance.campaign.manage`).
   */
  createCampaign(
    input: CampaignInput,
    options?: ComplianceRequestOptions,
  ): Promise<Campaign> {
    return this.request('POST', '/campaigns', input, options);
  }

  /** Ends an active campaign (permission `compliance.campaign.manage`). */
  endCampaign(
    id: string,
    options?: ComplianceRequestOptions,
  ): Promise<Campaign> {
    return this.request(
      'POST',
      `/campaigns/${encodeURIComponent(id)}/end`,
      {},
      options,
    );
  }

  /** A page of entities with their level and every check's status, filtered on the server. */
  listEntities(
    query: EntityComplianceQuery = {},
    options?: ComplianceRequestOptions,
  ): Promise<EntityComplianceList> {
    return this.request(
      'GET',
      `/entities${this.query(stringValues(query))}`,
      undefined,
      options,
    );
  }

  /** The root groups of the organisation, each with its subgroups and counts. */
  async getOrgTree(options?: ComplianceRequestOptions): Promise<OrgTreeNode[]> {
    const body = await this.request<{ items: OrgTreeNode[] }>(
      'GET',
      '/org-tree',
      undefined,
      options,
    );
    return body.items;
  }

  /** The level distribution per day over the last `days` days (30 when absent). */
  getTrend(
    query: { ownerRef?: string; days?: number } = {},
    options?: ComplianceRequestOptions,
  ): Promise<LevelTrend> {
    return this.request(
      'GET',
      `/trend${this.query(stringValues(query))}`,
      undefined,
      options,
    );
  }

  private entityPath(entityRef: string) {
    const { kind, namespace, name } = parseRef(entityRef);
    return `/entities/${[kind, namespace, name]
      .map(encodeURIComponent)
      .join('/')}`;
  }

  private query(params: Record<string, string | undefined>) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) search.set(key, value);
    }
    const text = search.toString();
    return text ? `?${text}` : '';
  }

  private async request<T>(
    method: string,
    path: string,
    body: unknown,
    options?: ComplianceRequestOptions,
  ): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('compliance');
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options?.token) headers.Authorization = `Bearer ${options.token}`;
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
