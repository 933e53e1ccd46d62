import type { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  ComplianceClient,
  type DraftEvaluation,
  type EntityCompliance,
  type GateDecision,
} from '@runway/plugin-compliance-common';
import type {
  ComplianceService,
  ComplianceServiceOptions,
} from './ComplianceService';

/**
 * The {@link ComplianceService} over the compliance plugin's HTTP API: each call carries a
 * token for the compliance plugin on behalf of the given credentials.
 *
 * @public
 */
export class DefaultComplianceService implements ComplianceService {
  readonly #auth: AuthService;
  readonly #client: ComplianceClient;

  constructor(options: { auth: AuthService; client: ComplianceClient }) {
    this.#auth = options.auth;
    this.#client = options.client;
  }

  /** {@inheritDoc ComplianceService.gate} */
  async gate(
    request: { entityRef: string; environment: string },
    options: ComplianceServiceOptions,
  ): Promise<GateDecision> {
    return this.#client.getGate(request, await this.#token(options));
  }

  /** {@inheritDoc ComplianceService.getEntityCompliance} */
  async getEntityCompliance(
    entityRef: string,
    options: ComplianceServiceOptions,
  ): Promise<EntityCompliance> {
    return this.#client.getEntity(entityRef, await this.#token(options));
  }

  /** {@inheritDoc ComplianceService.evaluate} */
  async evaluate(
    entityRef: string,
    options: ComplianceServiceOptions,
  ): Promise<EntityCompliance> {
    return this.#client.evaluate(entityRef, await this.#token(options));
  }

  /** {@inheritDoc ComplianceService.dryRunEntity} */
  async dryRunEntity(
    entity: Entity,
    options: ComplianceServiceOptions,
  ): Promise<DraftEvaluation> {
    return this.#client.dryRunEntity(entity, await this.#token(options));
  }

  async #token(options: ComplianceServiceOptions) {
    return this.#auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'compliance',
    });
  }
}
