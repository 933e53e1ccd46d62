import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  DraftEvaluation,
  EntityCompliance,
  GateDecision,
} from '@runway/plugin-compliance-common';

/** Who a call to the compliance plugin is made for. @public */
export type ComplianceServiceOptions = {
  /**
   * The caller's credentials: a user's, to act under their permissions (the compliance
   * plugin checks them), or the calling plugin's own (`auth.getOwnServiceCredentials()`).
   */
  credentials: BackstageCredentials;
};

/**
 * The compliance plugin, as other backend plugins call it: the deployments plugin asks the
 * gate before a deploy, the scaffolder checks an entity before it exists. Calls go over the
 * compliance plugin's HTTP API with service-to-service auth, so the caller needs no access
 * to its database and its permissions and audit apply.
 *
 * @public
 */
export interface ComplianceService {
  /**
   * Whether the entity may be deployed to the environment, and why not. Fails closed: an
   * environment the compliance configuration does not name is an error (400), not an open
   * gate; a required check that fails or could not be evaluated closes it.
   */
  gate(
    request: { entityRef: string; environment: string },
    options: ComplianceServiceOptions,
  ): Promise<GateDecision>;

  /** The entity's level, results, exemptions and history, as last evaluated. */
  getEntityCompliance(
    entityRef: string,
    options: ComplianceServiceOptions,
  ): Promise<EntityCompliance>;

  /**
   * Evaluates one catalog entity now and stores the result; the caller needs
   * `compliance.evaluate` on the entity.
   */
  evaluate(
    entityRef: string,
    options: ComplianceServiceOptions,
  ): Promise<EntityCompliance>;

  /**
   * How an entity that is not in the catalog yet would fare against the catalog as it is,
   * e.g. the rendered catalog-info.yaml of a template before it is published. Stores
   * nothing; an entity the catalog would refuse is an error (400) saying why.
   */
  dryRunEntity(
    entity: Entity,
    options: ComplianceServiceOptions,
  ): Promise<DraftEvaluation>;
}
