/**
 * The outcome of one check for one entity.
 *
 * - `pass` / `fail`: the check ran and the entity meets it or not.
 * - `exempt`: it fails, but an approved, unexpired exemption covers it.
 * - `not-applicable`: the check does not apply to this entity (kind, type, no source…).
 * - `error`: the check could not be evaluated (e.g. the source could not be read).
 *
 * @public
 */
export type CheckStatus =
  | 'pass'
  | 'fail'
  | 'exempt'
  | 'not-applicable'
  | 'error';

/**
 * Every {@link CheckStatus}, in the order the UI lists them (best first, `error` last).
 *
 * @public
 */
export const CHECK_STATUSES: readonly CheckStatus[] = [
  'pass',
  'fail',
  'exempt',
  'not-applicable',
  'error',
];

/** Where a check comes from. @public */
export type CheckSource = 'builtin' | 'declarative' | 'code' | 'external';

/** A check as listed by the API. @public */
export type CheckSummary = {
  id: string;
  title: string;
  description: string;
  source: CheckSource;
};

/** The result of one check for one entity. @public */
export type CheckResult = {
  checkId: string;
  title: string;
  status: CheckStatus;
  /** Says exactly what is wrong (or right) in this entity. */
  message: string;
  /** How to fix it; present when the status is `fail` or `error`. */
  remediation?: string;
  /** ISO 8601 */
  evaluatedAt: string;
};

/** A scorecard level and whether the entity reaches it. @public */
export type LevelStatus = {
  id: string;
  title: string;
  checks: string[];
  achieved: boolean;
};

/**
 * Where an exemption request stands: `pending` until someone other than the requester
 * decides it, then `approved` or `rejected`; an approved exemption becomes `expired` at its
 * `expiresAt`, and the check it covered counts again.
 *
 * @public
 */
export type ExemptionStatus = 'pending' | 'approved' | 'rejected' | 'expired';

/** A request to exempt an entity from one check until a date. @public */
export type Exemption = {
  id: string;
  entityRef: string;
  checkId: string;
  reason: string;
  status: ExemptionStatus;
  requestedBy: string;
  /** ISO 8601 */
  requestedAt: string;
  /** ISO 8601 */
  expiresAt: string;
  decidedBy?: string;
  /** ISO 8601 */
  decidedAt?: string;
  decisionComment?: string;
};

/** A change of one check's status for one entity. @public */
export type HistoryEntry = {
  entityRef: string;
  checkId: string;
  /**
   * The status before the change. A first evaluation is not a change and has no entry
   * (see `EntityCompliance.firstEvaluatedAt`); `null` appears only in history recorded
   * before that was so.
   */
  fromStatus: CheckStatus | null;
  toStatus: CheckStatus;
  /** ISO 8601 */
  changedAt: string;
};

/** Everything the API knows about one entity's compliance. @public */
export type EntityCompliance = {
  entityRef: string;
  ownerRef?: string;
  /** The highest level reached, or `null` when not even the lowest is. */
  level: string | null;
  levels: LevelStatus[];
  results: CheckResult[];
  exemptions: Exemption[];
  history: HistoryEntry[];
  /** ISO 8601; absent when the entity was never evaluated. */
  evaluatedAt?: string;
  /** ISO 8601: when the entity was first evaluated; absent when it never was. */
  firstEvaluatedAt?: string;
};

/** Counts for a set of entities: a group and its descendants, a system, a domain, or the org. @public */
export type ComplianceRollup = {
  scope: { ownerRef?: string; systemRef?: string; domainRef?: string };
  entityCount: number;
  /** Entities whose checks all pass or are exempt (not-applicable ones ignored). */
  compliantCount: number;
  percentCompliant: number;
  /** Level id (or `none`) to number of entities. */
  levels: Record<string, number>;
  /** Check id to status to number of entities. */
  checks: Record<string, Partial<Record<CheckStatus, number>>>;
  /** The entities with the most failing checks, worst first. */
  worstOffenders: Array<{
    entityRef: string;
    ownerRef?: string;
    failing: string[];
  }>;
};

/** The answer to "may this entity be deployed to this environment?". @public */
export type GateDecision = {
  entityRef: string;
  environment: string;
  allowed: boolean;
  /** `null` when the environment requires no level. */
  requiredLevel: string | null;
  level: string | null;
  /** Failing checks of the required level and the levels below it. */
  failingChecks: CheckResult[];
  reason: string;
};

/** A declarative check, as in app-config or a dry run. @public */
export type DeclarativeCheckDefinition = {
  id: string;
  title: string;
  description?: string;
  remediation?: string;
  appliesTo?: { kind?: string[]; type?: string[]; lifecycle?: string[] };
  rule: DeclarativeRule;
};

/**
 * A rule over one entity field, addressed with a dot path such as `spec.owner` or
 * `metadata.annotations.backstage.io/techdocs-ref` (a key may contain dots; the longest
 * matching key wins).
 *
 * @public
 */
export type DeclarativeRule =
  | { type: 'presence'; field: string }
  | { type: 'equality'; field: string; value: string | number | boolean }
  | { type: 'regex'; field: string; pattern: string }
  | { type: 'one-of'; field: string; values: Array<string | number | boolean> }
  | { type: 'count'; field: string; min?: number; max?: number };

/** The answer of a dry run. @public */
export type DryRunResult = {
  checkId: string;
  total: number;
  counts: Record<CheckStatus, number>;
  firstFailing: Array<{ entityRef: string; message: string }>;
};

/** A result pushed by CI for an external check. @public */
export type ExternalResultInput = {
  entityRef: string;
  checkId: string;
  status: 'pass' | 'fail' | 'error';
  message: string;
  remediation?: string;
};
