import type { CheckStatus } from '@runway/plugin-compliance-common';
import type { EntityEvaluation, StatusTransition } from './ComplianceStore';
import {
  levelHistoryRow,
  levelRemovalRow,
  type LevelHistoryRow,
} from './levelHistory';
import type {
  EntityRow,
  ResultRow,
  StateChanges,
  StoredState,
} from './storedState';

const FAILING: ReadonlySet<CheckStatus> = new Set(['fail', 'error']);

/** A row of `compliance_history`: one per status change of a check. @internal */
export type HistoryRow = {
  entity_ref: string;
  check_id: string;
  from_status: CheckStatus;
  to_status: CheckStatus;
  changed_at: Date;
};

/**
 * Compares evaluations with the stored state, one entity at a time, and keeps only what
 * changed: the rows to write and the status transitions to announce. A sweep feeds it each
 * evaluation as soon as it is made, so that it never holds the tens of thousands of results
 * that did not change (in a steady state, all of them), which kept the garbage collector
 * busy for a good part of the sweep.
 *
 * @internal
 */
export class EvaluationDiff {
  readonly resultUpserts: ResultRow[] = [];
  readonly historyRows: HistoryRow[] = [];
  readonly levelHistoryRows: LevelHistoryRow[] = [];
  readonly entityUpserts: EntityRow[] = [];
  readonly transitions: StatusTransition[] = [];
  readonly staleResults: Array<[string, string]> = [];
  readonly removedRefs: string[] = [];
  private readonly evaluatedRefs = new Set<string>();

  constructor(
    private readonly state: StoredState,
    private readonly now: Date,
  ) {}

  /** Whether the result row is new rather than a change of a stored one. */
  isNewResult(row: ResultRow): boolean {
    return !this.state.results.get(row.entity_ref)?.has(row.check_id);
  }

  add(evaluation: EntityEvaluation): void {
    const now = this.now;
    this.evaluatedRefs.add(evaluation.entityRef);
    const previousResults = this.state.results.get(evaluation.entityRef);
    let failingCount = 0;
    for (const result of evaluation.results) {
      if (FAILING.has(result.status)) failingCount += 1;
      const previous = previousResults?.get(result.checkId);
      const statusChanged = previous?.status !== result.status;
      if (
        statusChanged ||
        previous.message !== result.message ||
        (previous.remediation ?? undefined) !== result.remediation
      ) {
        this.resultUpserts.push({
          entity_ref: evaluation.entityRef,
          check_id: result.checkId,
          status: result.status,
          message: result.message,
          remediation: result.remediation ?? null,
          since: statusChanged ? now : previous.since,
        });
      }
      if (!statusChanged) continue;
      // A first result is not a change: the history stays one row per change, and the
      // entity's first_evaluated_at says since when its first results hold.
      if (previous) {
        this.historyRows.push({
          entity_ref: evaluation.entityRef,
          check_id: result.checkId,
          from_status: previous.status,
          to_status: result.status,
          changed_at: now,
        });
      }
      this.transitions.push({
        entityRef: evaluation.entityRef,
        ownerRef: evaluation.ownerRef,
        checkId: result.checkId,
        title: result.title,
        message: result.message,
        remediation: result.remediation,
        from: previous?.status ?? null,
        to: result.status,
      });
    }
    // Checks that no longer exist (removed from config) leave no result behind. A handful
    // of checks per entity: a scan allocates less than a set per entity would.
    for (const checkId of previousResults?.keys() ?? []) {
      if (!evaluation.results.some(r => r.checkId === checkId)) {
        this.staleResults.push([evaluation.entityRef, checkId]);
      }
    }

    const previousEntity = this.state.entities.get(evaluation.entityRef);
    const levelRow = levelHistoryRow(previousEntity, evaluation, now);
    if (levelRow) this.levelHistoryRows.push(levelRow);
    const catalogEtag = evaluation.catalogEtag ?? null;
    // A new etag alone rewrites the row (the entity changed in the catalog); a steady
    // sweep, whose entities keep their etags, still writes nothing.
    if (
      !previousEntity ||
      previousEntity.catalog_etag !== catalogEtag ||
      previousEntity.owner_ref !== (evaluation.ownerRef ?? null) ||
      previousEntity.system_ref !== (evaluation.systemRef ?? null) ||
      previousEntity.domain_ref !== (evaluation.domainRef ?? null) ||
      previousEntity.level !== evaluation.level ||
      previousEntity.failing_count !== failingCount
    ) {
      this.entityUpserts.push({
        entity_ref: evaluation.entityRef,
        owner_ref: evaluation.ownerRef ?? null,
        system_ref: evaluation.systemRef ?? null,
        domain_ref: evaluation.domainRef ?? null,
        level: evaluation.level,
        failing_count: failingCount,
        changed_at: now,
        first_evaluated_at: previousEntity
          ? previousEntity.first_evaluated_at
          : now,
        catalog_etag: catalogEtag,
      });
    }
  }

  /**
   * For a complete save: every stored entity that was not evaluated has left the catalog
   * and is removed, with a removal row in the level history.
   */
  removeUnevaluated(): void {
    for (const [ref, entity] of this.state.entities) {
      if (this.evaluatedRefs.has(ref)) continue;
      this.removedRefs.push(ref);
      this.levelHistoryRows.push(levelRemovalRow(ref, entity, this.now));
    }
  }

  isEmpty(): boolean {
    return (
      this.resultUpserts.length === 0 &&
      this.entityUpserts.length === 0 &&
      this.staleResults.length === 0 &&
      this.removedRefs.length === 0
    );
  }

  changes(): StateChanges {
    return {
      resultUpserts: this.resultUpserts,
      entityUpserts: this.entityUpserts,
      staleResults: this.staleResults,
      removedRefs: this.removedRefs,
    };
  }
}
