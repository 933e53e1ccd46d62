import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ConflictError,
} from '@backstage/errors';
import type {
  CheckStatus,
  ComplianceRollup,
  DeclarativeCheckDefinition,
  DraftEvaluation,
  DryRunResult,
  EntityCompliance,
  Exemption,
  ExternalResultInput,
  GateDecision,
} from '@runway/plugin-compliance-common';
import { CHECK_STATUSES } from '@runway/plugin-compliance-common';
import type { CatalogIndex } from '@runway/plugin-compliance-node';
import type {
  ComplianceStore,
  StatusTransition,
} from '../database/ComplianceStore';
import type { ComplianceConfig } from '../config';
import {
  createDeclarativeCheck,
  InvalidCheckDefinitionError,
  validateDeclarativeCheck,
} from '../checks/declarative';
import type { CatalogIndexProvider } from './CatalogIndexProvider';
import type { CheckServices, ComplianceEvaluator } from './ComplianceEvaluator';
import { checksRequiredFor, computeLevel } from './levels';
import { descendantGroups } from './groupTree';
import { wasApproved } from './wasApproved';
import { sameEntityRef, userEntityRef } from './entityRefs';
import { validateDraftEntity } from './validateDraftEntity';
import {
  isVisible,
  visibleRefs,
  type VisibleEntities,
} from './visibleEntities';

const DAY_MS = 86_400_000;

/** What a missing exemption and one of an entity the caller cannot see both answer. @internal */
export const EXEMPTION_NOT_FOUND =
  'No such exemption, or it is not visible to you';

/** Results that keep the gate closed for a check the required level needs. */
const BLOCKING_STATUSES: ReadonlySet<CheckStatus> = new Set<CheckStatus>([
  'fail',
  'error',
]);

/** What a sweep did, and where its time went (milliseconds per phase, in order). @internal */
export type SweepSummary = {
  entities: number;
  changes: number;
  durationsMs: Record<string, number>;
};

/** Measures consecutive phases: each `end(name)` closes the phase since the previous one. */
class PhaseTimer {
  private last = performance.now();
  private readonly measured: Record<string, number> = {};

  end(phase: string) {
    const now = performance.now();
    this.measured[phase] = Math.round(now - this.last);
    this.last = now;
  }

  durations(): Record<string, number> {
    return { ...this.measured };
  }
}

/** Called with the status changes of every save, e.g. to notify owners. @internal */
export type TransitionListener = (
  transitions: StatusTransition[],
) => Promise<void>;

/**
 * The compliance logic: evaluation (sweep and single entity), results, rollups, the deploy
 * gate, dry runs, exemptions and pushed results. Authorization happens in the router.
 *
 * @internal
 */
export class ComplianceService {
  constructor(
    private readonly options: {
      store: ComplianceStore;
      evaluator: ComplianceEvaluator;
      catalogIndex: CatalogIndexProvider;
      config: ComplianceConfig;
      checkServices: CheckServices;
      logger: LoggerService;
      onTransitions?: TransitionListener;
      onExemptionsExpired?: (expired: Exemption[]) => Promise<void>;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  listChecks() {
    return this.options.evaluator.summaries();
  }

  /** The catalog index, at most `catalogIndexMaxAge` old; campaigns filter entities with it. */
  getCatalogIndex(): Promise<CatalogIndex> {
    return this.options.catalogIndex.get();
  }

  /** Exemptions newest first; the authorization layer keeps those of visible entities. */
  listExemptions(filter: {
    entityRef?: string;
    status?: Exemption['status'][];
  }): Promise<Exemption[]> {
    return this.options.store.listExemptions(filter);
  }

  /** Evaluates every entity in scope. Writes only what changed. */
  async sweep(): Promise<SweepSummary> {
    const { store, evaluator, catalogIndex } = this.options;
    const now = this.now();
    const phases = new PhaseTimer();
    await this.expireExemptions(now);
    phases.end('expire');
    const index = await catalogIndex.refresh();
    phases.end('read');
    const [approved, externalResults] = await Promise.all([
      store.listExemptions({ status: ['approved'] }),
      store.listExternalResults({}),
    ]);
    const exemptionsByEntity = groupBy(approved, e => e.entityRef);
    const externalByEntity = groupBy(externalResults, r => r.entityRef);
    const save = await store.startSave({ now });
    phases.end('prepare');

    // Each evaluation is compared with what is stored as soon as it is made: the sweep
    // holds only what changed, not every entity's results.
    let entities = 0;
    for (const entity of index.all()) {
      if (!evaluator.evaluates(entity)) continue;
      const entityRef = stringifyEntityRef(entity);
      const { evaluation } = await evaluator.evaluate(entity, {
        index,
        exemptions: exemptionsByEntity.get(entityRef) ?? [],
        externalResults: externalByEntity.get(entityRef) ?? [],
        now,
      });
      save.add(evaluation);
      entities += 1;
    }
    phases.end('evaluate');
    const transitions = await save.commit({ complete: true });
    phases.end('save');
    await this.options.onTransitions?.(transitions);
    phases.end('notify');
    return {
      entities,
      changes: transitions.length,
      durationsMs: phases.durations(),
    };
  }

  /**
   * Evaluates one entity now: the entity itself fresh from the catalog, its surroundings
   * (owner, members, system) from the index, which is at most `catalogIndexMaxAge` old.
   */
  async evaluate(entityRef: string): Promise<EntityCompliance> {
    const { store, catalogIndex } = this.options;
    const now = this.now();
    const index = await catalogIndex.get();
    const entity = await catalogIndex.fetchEntity(entityRef);
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    const evaluation = await this.evaluateOne(entity, index, now);
    const transitions = await store.saveEvaluations([evaluation], { now });
    await this.options.onTransitions?.(transitions);
    return this.getEntityCompliance(evaluation.entityRef);
  }

  /** One entity with its own approved exemptions and pushed results (a sweep reads all at once). */
  private async evaluateOne(entity: Entity, index: CatalogIndex, now: Date) {
    const { store, evaluator } = this.options;
    const ref = stringifyEntityRef(entity);
    const [exemptions, externalResults] = await Promise.all([
      store.listExemptions({ entityRef: ref, status: ['approved'] }),
      store.listExternalResults({ entityRef: ref }),
    ]);
    const { evaluation } = await evaluator.evaluate(entity, {
      index,
      exemptions,
      externalResults,
      now,
    });
    return evaluation;
  }

  /**
   * Evaluates the given entities against one catalog index, e.g. everything a changed group
   * affects, after a refresh of the index. Refs not in the index or not evaluated are skipped.
   */
  async evaluateEntities(
    entityRefs: Iterable<string>,
    index: CatalogIndex,
  ): Promise<{ entities: number; changes: number }> {
    const { store, evaluator } = this.options;
    const now = this.now();
    const evaluations = [];
    for (const entityRef of new Set(entityRefs)) {
      const entity = index.get(entityRef);
      if (!entity || !evaluator.evaluates(entity)) continue;
      evaluations.push(await this.evaluateOne(entity, index, now));
    }
    if (!evaluations.length) return { entities: 0, changes: 0 };
    const transitions = await store.saveEvaluations(evaluations, { now });
    await this.options.onTransitions?.(transitions);
    return { entities: evaluations.length, changes: transitions.length };
  }

  /**
   * Forgets what is stored about entities that left the catalog (refs as stored); the level
   * history records the removal, as when a sweep no longer finds them.
   */
  async removeEntities(entityRefs: string[]): Promise<number> {
    return this.options.store.removeEntities(entityRefs, { now: this.now() });
  }

  /** What is stored about an entity; `evaluatedAt` is absent if it never was evaluated. */
  async getEntityCompliance(entityRef: string): Promise<EntityCompliance> {
    const { store, evaluator, config } = this.options;
    const [stored, exemptions, history] = await Promise.all([
      store.getEntity(entityRef),
      store.listExemptions({ entityRef }),
      store.getHistory(entityRef, { limit: 100 }),
    ]);
    const titles = new Map(evaluator.summaries().map(s => [s.id, s.title]));
    const results = (stored?.results ?? []).map(r => ({
      ...r,
      title: titles.get(r.checkId) ?? r.checkId,
    }));
    const { levels } = computeLevel(
      config.levels,
      new Map(results.map(r => [r.checkId, r.status])),
    );
    return {
      entityRef,
      ownerRef: stored?.ownerRef,
      level: stored?.level ?? null,
      levels,
      results,
      exemptions,
      history,
      evaluatedAt: stored?.changedAt,
      firstEvaluatedAt: stored?.firstEvaluatedAt,
    };
  }

  /**
   * How an entity that is not in the catalog (yet) would fare against the catalog as it is,
   * e.g. a template's rendered catalog-info.yaml before it is published. Stores nothing; an
   * entity the catalog would refuse is a 400 saying why.
   */
  async dryRunEntity(input: object): Promise<DraftEvaluation> {
    const entity = await validateDraftEntity(input);
    const now = this.now();
    const index = await this.options.catalogIndex.get();
    const { evaluation, levels } = await this.options.evaluator.evaluate(
      entity,
      { index, exemptions: [], externalResults: [], now },
    );
    const evaluatedAt = now.toISOString();
    return {
      entityRef: evaluation.entityRef,
      level: evaluation.level,
      levels,
      results: evaluation.results.map(r => ({ ...r, evaluatedAt })),
    };
  }

  /**
   * Counts for a group and all its descendant groups, a system, a domain, or everything,
   * over the `visible` entities only (filtered in the database).
   */
  async rollup(
    scope: {
      ownerRef?: string;
      systemRef?: string;
      domainRef?: string;
    },
    visible: VisibleEntities,
  ): Promise<ComplianceRollup> {
    let ownerRefs: string[] | undefined;
    if (scope.ownerRef) {
      const index = await this.options.catalogIndex.get();
      ownerRefs = [...descendantGroups(index, scope.ownerRef)];
    }
    const counts = await this.options.store.getRollupCounts(
      {
        ownerRefs,
        systemRef: scope.systemRef,
        domainRef: scope.domainRef,
        entityRefs: visibleRefs(visible),
      },
      { worstOffenders: 10 },
    );
    const compliantCount = counts.compliantCount;
    return {
      scope,
      entityCount: counts.entityCount,
      compliantCount,
      percentCompliant:
        counts.entityCount === 0
          ? 100
          : Math.round((compliantCount / counts.entityCount) * 1000) / 10,
      levels: counts.levels,
      checks: counts.checks,
      worstOffenders: counts.worstOffenders,
    };
  }

  /**
   * Whether the entity may be deployed to the environment, and why not. Fails closed: an
   * environment the configuration does not name gets the configured default level, or is a
   * 400 listing the configured environments; only an environment configured with `none`
   * requires no level. A required check that fails, could not be evaluated (`error`) or has
   * no result blocks.
   */
  async gate(entityRef: string, environment: string): Promise<GateDecision> {
    const { name, level: requiredLevel } = this.gateRequirement(environment);
    let compliance = await this.getEntityCompliance(entityRef);
    if (!compliance.evaluatedAt) {
      // Never evaluated (e.g. registered a moment ago): evaluate now rather than guess.
      compliance = await this.evaluate(entityRef);
    }
    if (requiredLevel === null) {
      return {
        entityRef,
        environment: name,
        allowed: true,
        requiredLevel,
        level: compliance.level,
        failingChecks: [],
        reason: `${name} is configured to require no compliance level.`,
      };
    }
    const required = new Set(
      checksRequiredFor(this.options.config.levels, requiredLevel),
    );
    const failingChecks = compliance.results.filter(
      r => required.has(r.checkId) && BLOCKING_STATUSES.has(r.status),
    );
    const missing = [...required].filter(
      id => !compliance.results.some(r => r.checkId === id),
    );
    const allowed = failingChecks.length === 0 && missing.length === 0;
    return {
      entityRef,
      environment: name,
      allowed,
      requiredLevel,
      level: compliance.level,
      failingChecks,
      reason: allowed
        ? `${entityRef} meets ${requiredLevel}, which ${name} requires.`
        : `${name} requires ${requiredLevel}; ${entityRef} fails ${[
            ...failingChecks.map(c => `${c.checkId} (${c.status})`),
            ...missing.map(id => `${id} (no result)`),
          ].join(', ')}.`,
    };
  }

  /** The level an environment requires, matched case-insensitively with the configuration. */
  private gateRequirement(environment: string): {
    name: string;
    level: string | null;
  } {
    const { environments, defaultLevel } = this.options.config.gate;
    const configured = environments.get(environment.toLocaleLowerCase('en-US'));
    if (configured) return configured;
    if (defaultLevel) return { name: environment, level: defaultLevel };
    const names = [...environments.values()].map(e => e.name);
    throw new InputError(
      `environment '${environment}' is not configured for the compliance gate; configured: ${
        names.length ? names.join(', ') : 'none'
      } (compliance.gate.environments, or set compliance.gate.defaultLevel)`,
    );
  }

  /**
   * Runs a check definition over the visible entities of the catalog, storing nothing. The
   * definition is validated first: a bad one is a 400 naming the field.
   */
  async dryRun(
    input: unknown,
    visible: VisibleEntities,
  ): Promise<DryRunResult> {
    let definition: DeclarativeCheckDefinition;
    try {
      definition = validateDeclarativeCheck(input, 'check');
    } catch (error) {
      if (error instanceof InvalidCheckDefinitionError) {
        throw new InputError(error.message);
      }
      throw error;
    }
    const index = await this.options.catalogIndex.get();
    const check = createDeclarativeCheck(definition);
    const counts = Object.fromEntries(
      CHECK_STATUSES.map(s => [s, 0]),
    ) as Record<CheckStatus, number>;
    const firstFailing: DryRunResult['firstFailing'] = [];
    let total = 0;
    for (const entity of index.all()) {
      const entityRef = stringifyEntityRef(entity);
      if (!isVisible(visible, entityRef)) continue;
      total += 1;
      const outcome = await check.evaluate(entity, {
        catalog: index,
        ...this.options.checkServices,
        options: {},
      });
      counts[outcome.status as CheckStatus] += 1;
      if (outcome.status === 'fail' && firstFailing.length < 20) {
        firstFailing.push({
          entityRef,
          message: outcome.message,
        });
      }
    }
    return { checkId: definition.id, total, counts, firstFailing };
  }

  async requestExemption(input: {
    entityRef: string;
    checkId: string;
    reason: string;
    expiresAt: string;
    requestedBy: string;
  }): Promise<Exemption> {
    const now = this.now();
    const expiresAt = new Date(input.expiresAt);
    if (Number.isNaN(expiresAt.getTime())) {
      throw new InputError('expiresAt must be an ISO 8601 date-time');
    }
    if (expiresAt <= now) {
      throw new InputError('expiresAt must be in the future');
    }
    const maxDays = this.options.config.maxExemptionDays;
    if (expiresAt.getTime() - now.getTime() > maxDays * DAY_MS) {
      throw new InputError(
        `expiresAt must be at most ${maxDays} days from now`,
      );
    }
    if (!input.reason.trim()) {
      throw new InputError('reason must not be empty');
    }
    if (!this.options.evaluator.summaries().some(s => s.id === input.checkId)) {
      throw new InputError(`checkId '${input.checkId}' is not a known check`);
    }
    const index = await this.options.catalogIndex.get();
    const entityRef = stringifyEntityRef(
      this.requireEntity(index, input.entityRef),
    );
    return this.options.store.createExemption({
      entityRef,
      checkId: input.checkId,
      reason: input.reason.trim(),
      requestedBy: input.requestedBy,
      requestedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
  }

  /**
   * Four-eyes: only a person decides (`decidedBy` is a user's entity ref, undefined for any
   * other caller), and never the person who asked; refs are compared the way the catalog
   * compares them, case-insensitively.
   */
  async decideExemption(
    id: string,
    decision: {
      decision: 'approve' | 'reject';
      comment?: string;
      decidedBy: string | undefined;
    },
  ): Promise<Exemption> {
    const exemption = await this.getExemption(id);
    const decidedBy = decision.decidedBy && userEntityRef(decision.decidedBy);
    if (!decidedBy) {
      throw new NotAllowedError(
        'Only a person can decide an exemption request (four-eyes): sign in as a user',
      );
    }
    if (sameEntityRef(exemption.requestedBy, decidedBy)) {
      throw new NotAllowedError(
        'You cannot decide your own exemption request: another person must approve it (four-eyes)',
      );
    }
    if (exemption.status !== 'pending') {
      throw new ConflictError(`The exemption is already ${exemption.status}`);
    }
    const decided = await this.options.store.decideExemption(id, {
      status: decision.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy,
      decidedAt: this.now().toISOString(),
      comment: decision.comment,
    });
    if (!decided) {
      throw new ConflictError(
        'The exemption was decided by someone else meanwhile',
      );
    }
    await this.evaluate(decided.entityRef);
    return decided;
  }

  async getExemption(id: string): Promise<Exemption> {
    const exemption = await this.options.store.getExemption(id);
    if (!exemption) throw new NotFoundError(EXEMPTION_NOT_FOUND);
    return exemption;
  }

  /** Stores a result pushed by CI for a configured external check, then re-evaluates. */
  async pushExternalResult(
    input: ExternalResultInput,
    reportedBy: string,
  ): Promise<void> {
    if (!this.options.config.externalChecks.some(c => c.id === input.checkId)) {
      throw new InputError(
        `checkId '${input.checkId}' is not an external check; configure it under compliance.externalChecks`,
      );
    }
    const index = await this.options.catalogIndex.get();
    const entityRef = stringifyEntityRef(
      this.requireEntity(index, input.entityRef),
    );
    await this.options.store.saveExternalResult({
      ...input,
      entityRef,
      reportedBy,
      reportedAt: this.now().toISOString(),
    });
    await this.evaluate(entityRef);
  }

  /**
   * Marks exemptions past their expiry as expired (the sweep re-evaluates everything after
   * it); `onExemptionsExpired` hears of them, e.g. to audit each one.
   */
  async expireExemptions(now = this.now()): Promise<Exemption[]> {
    const expired = await this.options.store.expireExemptions(now);
    if (expired.length) {
      this.options.logger.info(
        `Expired ${expired.length} compliance exemption(s)`,
      );
      await this.options.onExemptionsExpired?.(expired);
    }
    return expired;
  }

  /**
   * Lapses exemptions past their expiry between sweeps and re-evaluates the entities whose
   * approved exemptions they were, so that a check shows failing again within minutes of
   * the expiry rather than at the next sweep.
   */
  async lapseExpiredExemptions(): Promise<Exemption[]> {
    const expired = await this.expireExemptions();
    // Pending requests exempted nothing: their entities' results stay as they are.
    const exempted = expired
      .filter(wasApproved)
      .map(exemption => exemption.entityRef);
    if (exempted.length) {
      await this.evaluateEntities(exempted, await this.getCatalogIndex());
    }
    return expired;
  }

  private requireEntity(index: CatalogIndex, entityRef: string): Entity {
    const ref = index.resolveRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    const entity = ref ? index.get(ref) : undefined;
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return entity;
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = map.get(k);
    if (group) group.push(item);
    else map.set(k, [item]);
  }
  return map;
}
