import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type {
  CheckResult,
  CheckSummary,
  Exemption,
  ExternalResultInput,
  LevelStatus,
} from '@runway/plugin-compliance-common';
import type {
  CatalogIndex,
  CheckContext,
  CheckOutcome,
  ComplianceCheck,
} from '@runway/plugin-compliance-node';
import type { EntityEvaluation } from '../database/ComplianceStore';
import type { ExternalCheckDefinition, LevelDefinition } from '../config';
import { computeLevel } from './levels';

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}

/** What a check that threw reports. */
function errorOutcome(error: unknown): CheckOutcome {
  return {
    status: 'error',
    message: `The check could not be evaluated: ${(error as Error).message}`,
    remediation: 'Re-evaluate later; if it persists, ask the platform team.',
  };
}

/** A check with where it came from, for listing. @internal */
export type RegisteredCheck = {
  check: ComplianceCheck;
  source: CheckSummary['source'];
};

/** A pushed external result with its reporter and time. @internal */
export type StoredExternalResult = ExternalResultInput & {
  reportedBy: string;
  reportedAt: string;
};

/** What a check context needs besides the catalog index. @internal */
export type CheckServices = Pick<
  CheckContext,
  'readUrl' | 'readFileBesideLocation' | 'isTechDocsPublished'
>;

/** What the evaluation of one entity needs. @internal */
export type EvaluationInput = {
  index: CatalogIndex;
  /** Approved exemptions of this entity. */
  exemptions: Exemption[];
  externalResults: StoredExternalResult[];
  now: Date;
};

/**
 * Runs every check for one entity, applies approved exemptions and computes its level.
 * Pure apart from what the checks themselves read (CODEOWNERS, TechDocs).
 *
 * @internal
 */
export class ComplianceEvaluator {
  constructor(
    private readonly options: {
      checks: RegisteredCheck[];
      externalChecks: ExternalCheckDefinition[];
      levels: LevelDefinition[];
      kinds: string[];
      checkOptions: Record<string, Record<string, unknown>>;
      services: CheckServices;
    },
  ) {}

  /** Whether entities of this kind are evaluated at all. */
  evaluates(entity: Entity): boolean {
    return this.options.kinds.includes(entity.kind.toLocaleLowerCase('en-US'));
  }

  summaries(): CheckSummary[] {
    return [
      ...this.options.checks.map(({ check, source }) => ({
        id: check.id,
        title: check.title,
        description: check.description,
        source,
      })),
      ...this.options.externalChecks.map(check => ({
        id: check.id,
        title: check.title,
        description: check.description,
        source: 'external' as const,
      })),
    ];
  }

  async evaluate(
    entity: Entity,
    input: EvaluationInput,
  ): Promise<{ evaluation: EntityEvaluation; levels: LevelStatus[] }> {
    const entityRef = stringifyEntityRef(entity);
    const refs = this.relatedRefs(entity, input.index);

    // The checks of one entity are independent: those that read (CODEOWNERS, TechDocs) wait
    // together, and those that answer at once cost no promise at all.
    const answers = this.options.checks.map(({ check }) =>
      this.runCheck(check, entity, input.index),
    );
    const checkOutcomes = answers.some(isPromise)
      ? await Promise.all(answers)
      : (answers as CheckOutcome[]);
    const outcomes: Array<{
      id: string;
      title: string;
      outcome: CheckOutcome;
    }> = this.options.checks.map(({ check }, i) => ({
      id: check.id,
      title: check.title,
      outcome: checkOutcomes[i],
    }));
    for (const external of this.options.externalChecks) {
      outcomes.push({
        id: external.id,
        title: external.title,
        outcome: this.externalOutcome(external, entity, entityRef, input),
      });
    }

    const results: Array<Omit<CheckResult, 'evaluatedAt'>> = outcomes.map(
      ({ id, title, outcome }) =>
        this.applyExemption(
          { checkId: id, title, ...outcome },
          input.exemptions,
          input.now,
        ),
    );
    const { level, levels } = computeLevel(
      this.options.levels,
      new Map(results.map(r => [r.checkId, r.status])),
    );
    const etag = entity.metadata.etag;
    return {
      evaluation: {
        entityRef,
        ...refs,
        level,
        results,
        // Catalog data is untrusted; a property rather than a spread: no object per entity.
        catalogEtag: typeof etag === 'string' ? etag : undefined,
      },
      levels,
    };
  }

  /** One context per check and index, shared by every entity the index is used for. */
  private readonly contexts = new WeakMap<
    CatalogIndex,
    Map<ComplianceCheck, CheckContext>
  >();

  private contextFor(check: ComplianceCheck, index: CatalogIndex) {
    let byCheck = this.contexts.get(index);
    if (!byCheck) {
      byCheck = new Map();
      this.contexts.set(index, byCheck);
    }
    let context = byCheck.get(check);
    if (!context) {
      context = {
        catalog: index,
        ...this.options.services,
        options: this.options.checkOptions[check.id] ?? {},
      };
      byCheck.set(check, context);
    }
    return context;
  }

  private runCheck(
    check: ComplianceCheck,
    entity: Entity,
    index: CatalogIndex,
  ): CheckOutcome | Promise<CheckOutcome> {
    try {
      const outcome = check.evaluate(entity, this.contextFor(check, index));
      return isPromise(outcome) ? outcome.catch(errorOutcome) : outcome;
    } catch (error) {
      return errorOutcome(error);
    }
  }

  private externalOutcome(
    external: ExternalCheckDefinition,
    entity: Entity,
    entityRef: string,
    input: EvaluationInput,
  ): CheckOutcome {
    if (!external.kinds.includes(entity.kind.toLocaleLowerCase('en-US'))) {
      return {
        status: 'not-applicable',
        message: `Only checked for ${external.kinds.join(', ')}.`,
      };
    }
    const result = input.externalResults.find(
      r => r.entityRef === entityRef && r.checkId === external.id,
    );
    if (!result) {
      return {
        status: 'fail',
        message: `No result for ${external.id} has been reported for ${entityRef}.`,
        remediation: `Make CI report it: POST /api/compliance/results with checkId ${external.id}.`,
      };
    }
    const age = input.now.getTime() - new Date(result.reportedAt).getTime();
    if (age > external.staleAfterMs) {
      return {
        status: 'fail',
        message: `The last result (${result.status}, reported ${
          result.reportedAt
        } by ${result.reportedBy}) is stale: older than ${Math.round(
          external.staleAfterMs / 86_400_000,
        )} days.`,
        remediation: 'Run the CI job that reports this check again.',
      };
    }
    return {
      status: result.status,
      message: result.message,
      remediation: result.remediation,
    };
  }

  private applyExemption(
    result: Omit<CheckResult, 'evaluatedAt'>,
    exemptions: Exemption[],
    now: Date,
  ): Omit<CheckResult, 'evaluatedAt'> {
    if (result.status !== 'fail') return result;
    const exemption = exemptions.find(
      e =>
        e.checkId === result.checkId &&
        e.status === 'approved' &&
        new Date(e.expiresAt) > now,
    );
    if (!exemption) return result;
    return {
      ...result,
      status: 'exempt',
      message: `Exempt until ${exemption.expiresAt.slice(0, 10)} (approved by ${
        exemption.decidedBy
      }): ${exemption.reason}. Otherwise: ${result.message}`,
    };
  }

  private relatedRefs(entity: Entity, index: CatalogIndex) {
    const namespace = entity.metadata.namespace ?? 'default';
    const resolve = (ref: unknown, defaultKind: string) =>
      typeof ref === 'string' && ref
        ? index.resolveRef(ref, { defaultKind, defaultNamespace: namespace })
        : undefined;
    const ownerRef = resolve(entity.spec?.owner, 'group');
    const systemRef =
      entity.kind.toLocaleLowerCase('en-US') === 'system'
        ? undefined
        : resolve(entity.spec?.system, 'system');
    // A system's domain is its own; anything else belongs to its system's domain.
    const domainHolder =
      entity.kind.toLocaleLowerCase('en-US') === 'system'
        ? entity
        : systemRef && index.get(systemRef);
    const domainRef = domainHolder
      ? index.resolveRef(String(domainHolder.spec?.domain ?? ''), {
          defaultKind: 'domain',
          defaultNamespace: domainHolder.metadata.namespace ?? 'default',
        })
      : undefined;
    return { ownerRef, systemRef, domainRef };
  }
}
