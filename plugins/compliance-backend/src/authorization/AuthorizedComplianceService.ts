import type { AuditorService } from '@backstage/backend-plugin-api';
import {
  complianceEvaluatePermission,
  complianceExemptionApprovePermission,
  complianceExemptionCreatePermission,
  complianceResultPushPermission,
  type CheckSummary,
  type ComplianceRollup,
  type DraftEvaluation,
  type DryRunResult,
  type EntityCompliance,
  type Exemption,
  type ExemptionDecisionInput,
  type ExemptionInput,
  type ExemptionStatus,
  type ExternalResultInput,
  type GateDecision,
  type RollupScope,
} from '@runway/plugin-compliance-common';
import { NotFoundError } from '@backstage/errors';
import { isVisible } from '../service/visibleEntities';
import {
  EXEMPTION_NOT_FOUND,
  type ComplianceService,
} from '../service/ComplianceService';
import type { AccessControl } from './AccessControl';
import { auditedWrite } from './auditedWrite';
import {
  principalRef,
  userRef,
  type ComplianceCaller,
} from './ComplianceCaller';

/**
 * The compliance service as callers reach it, over HTTP or as actions for agents: every
 * read shows only what the caller may read in the catalog (what they may not see answers
 * like what does not exist), every write is checked against its permission for the entity
 * it is about and audited. The service underneath knows nothing of callers.
 *
 * @internal
 */
export class AuthorizedComplianceService {
  constructor(
    private readonly service: ComplianceService,
    private readonly access: AccessControl,
    private readonly auditor: AuditorService,
  ) {}

  listChecks(): CheckSummary[] {
    return this.service.listChecks();
  }

  async getEntityCompliance(
    ref: string,
    caller: ComplianceCaller,
  ): Promise<EntityCompliance> {
    const entityRef = await this.visibleEntity(ref, caller, 'entityRef');
    return this.service.getEntityCompliance(entityRef);
  }

  async evaluate(
    ref: string,
    caller: ComplianceCaller,
  ): Promise<EntityCompliance> {
    const entityRef = await this.visibleEntity(ref, caller, 'entityRef');
    return auditedWrite(
      this.auditor,
      { eventId: 'entity-evaluate', caller, meta: { entityRef } },
      async () => {
        await this.access.authorize(
          caller.credentials,
          complianceEvaluatePermission,
          entityRef,
        );
        return this.service.evaluate(entityRef);
      },
    );
  }

  /** Open to every caller: it stores nothing and reads the catalog as the evaluator does. */
  dryRunEntity(entity: object): Promise<DraftEvaluation> {
    return this.service.dryRunEntity(entity);
  }

  async rollup(
    scope: RollupScope,
    caller: ComplianceCaller,
  ): Promise<ComplianceRollup> {
    const { credentials } = caller;
    const visibleScope = {
      ownerRef:
        scope.ownerRef &&
        (await this.access.requireVisibleEntity(credentials, scope.ownerRef, {
          field: 'ownerRef',
          defaultKind: 'group',
        })),
      systemRef:
        scope.systemRef &&
        (await this.access.requireVisibleEntity(credentials, scope.systemRef, {
          field: 'systemRef',
          defaultKind: 'system',
        })),
      domainRef:
        scope.domainRef &&
        (await this.access.requireVisibleEntity(credentials, scope.domainRef, {
          field: 'domainRef',
          defaultKind: 'domain',
        })),
    };
    return this.service.rollup(
      visibleScope,
      await this.access.visibleEntities(credentials),
    );
  }

  async gate(
    request: { entityRef: string; environment: string },
    caller: ComplianceCaller,
  ): Promise<GateDecision> {
    const entityRef = await this.visibleEntity(
      request.entityRef,
      caller,
      'entityRef',
    );
    return this.service.gate(entityRef, request.environment);
  }

  async dryRunCheck(
    definition: unknown,
    caller: ComplianceCaller,
  ): Promise<DryRunResult> {
    return this.service.dryRun(
      definition,
      await this.access.visibleEntities(caller.credentials),
    );
  }

  async pushExternalResult(
    input: ExternalResultInput,
    caller: ComplianceCaller,
  ): Promise<void> {
    const { entityRef: ref, checkId, status } = input;
    return auditedWrite(
      this.auditor,
      {
        eventId: 'result-push',
        caller,
        meta: { entityRef: ref, checkId, status },
      },
      async () => {
        await this.access.authorize(
          caller.credentials,
          complianceResultPushPermission,
        );
        // A write: a service needs the entity to exist, its push permission decides the rest.
        const entityRef = await this.access.requireEntity(
          caller.credentials,
          ref,
          { field: 'entityRef', defaultKind: 'component' },
        );
        await this.service.pushExternalResult(
          { ...input, entityRef },
          principalRef(caller.credentials),
        );
      },
    );
  }

  /** One entity's exemptions if given (and visible), else those of every visible entity. */
  async listExemptions(
    filter: { entityRef?: string; status?: ExemptionStatus },
    caller: ComplianceCaller,
  ): Promise<Exemption[]> {
    const status = filter.status ? [filter.status] : undefined;
    if (filter.entityRef) {
      const entityRef = await this.visibleEntity(
        filter.entityRef,
        caller,
        'entityRef',
      );
      return this.service.listExemptions({ entityRef, status });
    }
    const visible = await this.access.visibleEntities(caller.credentials);
    const exemptions = await this.service.listExemptions({ status });
    return exemptions.filter(e => isVisible(visible, e.entityRef));
  }

  async requestExemption(
    input: ExemptionInput,
    caller: ComplianceCaller,
  ): Promise<Exemption> {
    const entityRef = await this.visibleEntity(
      input.entityRef,
      caller,
      'entityRef',
    );
    return auditedWrite(
      this.auditor,
      {
        eventId: 'exemption-request',
        caller,
        meta: {
          entityRef,
          checkId: input.checkId,
          expiresAt: input.expiresAt,
        },
        outcome: exemption => ({ exemptionId: exemption.id }),
      },
      async () => {
        await this.access.authorize(
          caller.credentials,
          complianceExemptionCreatePermission,
          entityRef,
        );
        return this.service.requestExemption({
          ...input,
          entityRef,
          requestedBy: principalRef(caller.credentials),
        });
      },
    );
  }

  /**
   * Four-eyes: only a person decides, never the one who asked (the service enforces it for
   * whoever calls it); here, whether they may decide for this entity at all.
   */
  async decideExemption(
    id: string,
    decision: ExemptionDecisionInput,
    caller: ComplianceCaller,
  ): Promise<Exemption> {
    const exemption = await this.service.getExemption(id);
    const { credentials } = caller;
    const visible = await this.access.visibleEntities(credentials);
    if (!isVisible(visible, exemption.entityRef)) {
      // An exemption of an entity the caller cannot see is one they cannot know of.
      throw new NotFoundError(EXEMPTION_NOT_FOUND);
    }
    return auditedWrite(
      this.auditor,
      {
        eventId: 'exemption-decide',
        caller,
        meta: {
          exemptionId: exemption.id,
          entityRef: exemption.entityRef,
          checkId: exemption.checkId,
          decision: decision.decision,
        },
      },
      async () => {
        await this.access.authorize(
          credentials,
          complianceExemptionApprovePermission,
          exemption.entityRef,
        );
        return this.service.decideExemption(id, {
          ...decision,
          decidedBy: userRef(credentials),
        });
      },
    );
  }

  private visibleEntity(
    ref: string,
    caller: ComplianceCaller,
    field: string,
  ): Promise<string> {
    return this.access.requireVisibleEntity(caller.credentials, ref, {
      field,
      defaultKind: 'component',
    });
  }
}
