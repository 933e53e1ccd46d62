import type { components, operations } from './schema/openapi';

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
export type CheckStatus = components['schemas']['CheckStatus'];

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
export type CheckSource = components['schemas']['CheckSource'];

/** A check as listed by the API. @public */
export type CheckSummary = components['schemas']['CheckSummary'];

/** The result of one check for one entity. @public */
export type CheckResult = components['schemas']['CheckResult'];

/** A scorecard level and whether the entity reaches it. @public */
export type LevelStatus = components['schemas']['LevelStatus'];

/**
 * Where an exemption request stands: `pending` until someone other than the requester
 * decides it, then `approved` or `rejected`; an approved exemption becomes `expired` at its
 * `expiresAt`, and the check it covered counts again.
 *
 * @public
 */
export type ExemptionStatus = components['schemas']['ExemptionStatus'];

/** A request to exempt an entity from one check until a date. @public */
export type Exemption = components['schemas']['Exemption'];

/** What it takes to request an exemption. @public */
export type ExemptionInput =
  operations['RequestExemption']['requestBody']['content']['application/json'];

/** A decision on an exemption request. @public */
export type ExemptionDecisionInput = NonNullable<
  operations['DecideExemption']['requestBody']
>['content']['application/json'];

/** A change of one check's status for one entity. @public */
export type HistoryEntry = components['schemas']['HistoryEntry'];

/** Everything the API knows about one entity's compliance. @public */
export type EntityCompliance = components['schemas']['EntityCompliance'];

/** How an entity that is not in the catalog (yet) would fare; nothing is stored. @public */
export type DraftEvaluation = components['schemas']['DraftEvaluation'];

/** Counts for a set of entities: a group and its descendants, a system, a domain, or the org. @public */
export type ComplianceRollup = components['schemas']['ComplianceRollup'];

/** Which entities a rollup counts: a group with its descendants, a system, a domain, or all. @public */
export type RollupScope = NonNullable<
  operations['GetRollup']['parameters']['query']
>;

/** The answer to "may this entity be deployed to this environment?". @public */
export type GateDecision = components['schemas']['GateDecision'];

/** The answer of a dry run of a check. @public */
export type DryRunResult = components['schemas']['DryRunResult'];

/** A result pushed by CI for an external check. @public */
export type ExternalResultInput =
  operations['PushResult']['requestBody']['content']['application/json'];

/**
 * A declarative check, as in app-config or a dry run. The API takes any object here and
 * validates it field by field, so that its 400 names the field at fault.
 *
 * @public
 */
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
