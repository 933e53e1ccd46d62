import type {
  CheckResult,
  CheckStatus,
  Exemption,
  ExternalResultInput,
  HistoryEntry,
} from '@runway/plugin-compliance-common';

/** The outcome of evaluating every check for one entity. @internal */
export type EntityEvaluation = {
  entityRef: string;
  ownerRef?: string;
  systemRef?: string;
  domainRef?: string;
  level: string | null;
  results: Array<Omit<CheckResult, 'evaluatedAt'>>;
  /**
   * The catalog's `metadata.etag` of the entity evaluated, stored with the evaluation so
   * that the catch-up at start can tell which entities changed since (CatalogCatchUp).
   */
  catalogEtag?: string;
};

/** One entity as stored, with its results. @internal */
export type StoredEntity = {
  entityRef: string;
  ownerRef?: string;
  systemRef?: string;
  domainRef?: string;
  level: string | null;
  failingCount: number;
  changedAt: string;
  /** ISO 8601; absent for entities stored before it was recorded and never backfilled. */
  firstEvaluatedAt?: string;
  results: CheckResult[];
};

/** A check that changed status for an entity in a save. @internal */
export type StatusTransition = {
  entityRef: string;
  ownerRef?: string;
  checkId: string;
  title: string;
  message: string;
  remediation?: string;
  from: CheckStatus | null;
  to: CheckStatus;
};

/**
 * A save in progress: evaluations are added one at a time and compared with the stored
 * state at once, so that only what changed is held until `commit` writes it. @internal
 */
export type EvaluationSave = {
  add(evaluation: EntityEvaluation): void;
  /**
   * Writes what changed and returns the status changes. With `complete`, the stored
   * entities that were not added are removed (they left the catalog); that needs a save
   * started without `entityRefs`.
   */
  commit(options?: { complete?: boolean }): Promise<StatusTransition[]>;
};

/** Which entities a rollup covers. Absent means all. @internal */
export type RollupScope = {
  ownerRefs?: string[];
  systemRef?: string;
  domainRef?: string;
  /** Only these entities, e.g. those the caller may see in the catalog. */
  entityRefs?: ReadonlySet<string>;
};

/** Raw counts for a rollup, computed in the database. @internal */
export type RollupCounts = {
  entityCount: number;
  /** Entities with no failing or erroring check. */
  compliantCount: number;
  levels: Record<string, number>;
  checks: Record<string, Partial<Record<CheckStatus, number>>>;
  worstOffenders: Array<{
    entityRef: string;
    ownerRef?: string;
    failing: string[];
  }>;
};

/** @internal */
export type NewExemption = Omit<
  Exemption,
  'id' | 'status' | 'decidedBy' | 'decidedAt' | 'decisionComment'
>;

/**
 * Storage of compliance results, history and exemptions.
 *
 * @internal
 */
export interface ComplianceStore {
  /**
   * Stores evaluations. Writes only what changed, adds a history row per changed check, and
   * returns those changes. With `complete`, entities not in `evaluations` are removed (they
   * left the catalog).
   */
  saveEvaluations(
    evaluations: EntityEvaluation[],
    options: { now: Date; complete?: boolean },
  ): Promise<StatusTransition[]>;

  /**
   * Starts a save whose evaluations are added one by one (a sweep), reading the stored
   * state of `entityRefs`, or of every entity when absent.
   */
  startSave(options: {
    now: Date;
    entityRefs?: string[];
  }): Promise<EvaluationSave>;

  /**
   * Removes what is stored about entities that left the catalog (results and entity row),
   * with a removal row in the level history, as a complete save does for the entities it
   * no longer sees; history, exemptions and pushed results stay. Refs are as stored
   * (`stringifyEntityRef`); unknown refs are ignored. Returns how many were removed.
   */
  removeEntities(entityRefs: string[], options: { now: Date }): Promise<number>;

  getEntity(entityRef: string): Promise<StoredEntity | undefined>;
  getHistory(
    entityRef: string,
    options: { limit: number },
  ): Promise<HistoryEntry[]>;
  /** Status counts per check, level distribution and worst offenders, computed in SQL. */
  getRollupCounts(
    scope: RollupScope,
    options: { worstOffenders: number },
  ): Promise<RollupCounts>;

  createExemption(input: NewExemption): Promise<Exemption>;
  getExemption(id: string): Promise<Exemption | undefined>;
  /** Sets the decision only while the exemption is pending; returns undefined otherwise. */
  decideExemption(
    id: string,
    decision: {
      status: 'approved' | 'rejected';
      decidedBy: string;
      decidedAt: string;
      comment?: string;
    },
  ): Promise<Exemption | undefined>;
  listExemptions(filter: {
    entityRef?: string;
    status?: Exemption['status'][];
  }): Promise<Exemption[]>;
  /** Marks approved or pending exemptions past their expiry as expired and returns them. */
  expireExemptions(now: Date): Promise<Exemption[]>;

  saveExternalResult(
    input: ExternalResultInput & { reportedBy: string; reportedAt: string },
  ): Promise<void>;
  listExternalResults(filter: {
    entityRef?: string;
  }): Promise<
    Array<ExternalResultInput & { reportedBy: string; reportedAt: string }>
  >;
}
