import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { bulkInsert, type BulkColumn } from './bulkInsert';
import type {
  CheckStatus,
  Exemption,
  ExternalResultInput,
  HistoryEntry,
} from '@runway/plugin-compliance-common';
import type {
  ComplianceStore,
  EntityEvaluation,
  EvaluationSave,
  NewExemption,
  RollupCounts,
  RollupScope,
  StatusTransition,
  StoredEntity,
} from './ComplianceStore';
import { levelRemovalRow } from './levelHistory';
import { EvaluationDiff } from './EvaluationDiff';
import {
  applyChanges,
  type EntityRow,
  type ResultRow,
  type StoredState,
} from './storedState';
import { whereEntityRefIn } from './whereEntityRefIn';

type ExemptionRow = {
  id: string;
  entity_ref: string;
  check_id: string;
  reason: string;
  status: Exemption['status'];
  requested_by: string;
  requested_at: string | Date;
  expires_at: string | Date;
  decided_by: string | null;
  decided_at: string | Date | null;
  decision_comment: string | null;
};

/** SQLite returns timestamps as strings or numbers, PostgreSQL as Dates. */
function toIso(value: string | Date | number): string {
  return new Date(value).toISOString();
}

/** Keeps `where in` lists under the bind-parameter limits of SQLite and PostgreSQL. */
const CHUNK_SIZE = 500;
function chunks<T>(items: T[], size = CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/** Deletes the stored results and entity rows of entities that left the catalog. */
async function deleteEntities(tx: Knex.Transaction, refs: string[]) {
  for (const batch of chunks(refs)) {
    await tx('compliance_results').whereIn('entity_ref', batch).delete();
    await tx('compliance_entities').whereIn('entity_ref', batch).delete();
  }
}

function exemptionFromRow(row: ExemptionRow): Exemption {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    reason: row.reason,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: toIso(row.requested_at),
    expiresAt: toIso(row.expires_at),
    decidedBy: row.decided_by ?? undefined,
    decidedAt: row.decided_at ? toIso(row.decided_at) : undefined,
    decisionComment: row.decision_comment ?? undefined,
  };
}

const FAILING: CheckStatus[] = ['fail', 'error'];

const RESULT_COLUMNS: BulkColumn[] = [
  { name: 'entity_ref', pgType: 'text' },
  { name: 'check_id', pgType: 'text' },
  { name: 'status', pgType: 'text' },
  { name: 'message', pgType: 'text' },
  { name: 'remediation', pgType: 'text' },
  { name: 'since', pgType: 'timestamptz' },
];
const ENTITY_COLUMNS: BulkColumn[] = [
  { name: 'entity_ref', pgType: 'text' },
  { name: 'owner_ref', pgType: 'text' },
  { name: 'system_ref', pgType: 'text' },
  { name: 'domain_ref', pgType: 'text' },
  { name: 'level', pgType: 'text' },
  { name: 'failing_count', pgType: 'integer' },
  { name: 'changed_at', pgType: 'timestamptz' },
  { name: 'first_evaluated_at', pgType: 'timestamptz' },
  { name: 'catalog_etag', pgType: 'text' },
];
/** What an entity's upsert updates: all but its key and when it was first evaluated. */
const ENTITY_MERGE = ENTITY_COLUMNS.map(c => c.name).filter(
  n => n !== 'entity_ref' && n !== 'first_evaluated_at',
);
const LEVEL_HISTORY_COLUMNS: BulkColumn[] = [
  { name: 'entity_ref', pgType: 'text' },
  { name: 'owner_ref', pgType: 'text' },
  { name: 'level', pgType: 'text' },
  { name: 'removed', pgType: 'boolean' },
  { name: 'changed_at', pgType: 'timestamptz' },
];
const HISTORY_COLUMNS: BulkColumn[] = [
  { name: 'entity_ref', pgType: 'text' },
  { name: 'check_id', pgType: 'text' },
  { name: 'from_status', pgType: 'text' },
  { name: 'to_status', pgType: 'text' },
  { name: 'changed_at', pgType: 'timestamptz' },
];

/**
 * {@link ComplianceStore} on knex, for SQLite and PostgreSQL.
 *
 * @internal
 */
export class DatabaseComplianceStore implements ComplianceStore {
  /** The last complete stored state this instance knows, valid while the revision matches. */
  private snapshot?: StoredState;

  constructor(private readonly db: Knex) {}

  async saveEvaluations(
    evaluations: EntityEvaluation[],
    options: { now: Date; complete?: boolean },
  ): Promise<StatusTransition[]> {
    const save = await this.startSave({
      now: options.now,
      // A partial save needs only the stored state of the entities it saves.
      entityRefs: options.complete
        ? undefined
        : evaluations.map(e => e.entityRef),
    });
    for (const evaluation of evaluations) save.add(evaluation);
    return save.commit({ complete: options.complete });
  }

  async startSave(options: {
    now: Date;
    entityRefs?: string[];
  }): Promise<EvaluationSave> {
    const revision = await this.readRevision();
    const state = await this.loadState(revision, options.entityRefs);
    const diff = new EvaluationDiff(state, options.now);
    return {
      add: evaluation => diff.add(evaluation),
      commit: async ({ complete } = {}) => {
        if (complete) {
          if (!state.complete) {
            throw new Error('A complete save needs the whole stored state');
          }
          diff.removeUnevaluated();
        }
        if (diff.isEmpty()) return [];
        await this.write(diff, state, revision);
        return diff.transitions;
      },
    };
  }

  private async write(
    diff: EvaluationDiff,
    state: StoredState,
    revision: number,
  ): Promise<void> {
    const bumped = await this.db.transaction(async tx => {
      // New results are plain inserts (most of a first sweep); only changed ones need the
      // upsert's conflict handling, which costs PostgreSQL noticeably more per row.
      await bulkInsert(
        tx,
        'compliance_results',
        RESULT_COLUMNS,
        diff.resultUpserts.filter(row => diff.isNewResult(row)),
      );
      await bulkInsert(
        tx,
        'compliance_results',
        RESULT_COLUMNS,
        diff.resultUpserts.filter(row => !diff.isNewResult(row)),
        {
          conflict: {
            target: ['entity_ref', 'check_id'],
            merge: ['status', 'message', 'remediation', 'since'],
          },
        },
      );
      await bulkInsert(
        tx,
        'compliance_entities',
        ENTITY_COLUMNS,
        diff.entityUpserts,
        {
          conflict: {
            target: ['entity_ref'],
            merge: ENTITY_MERGE,
          },
        },
      );
      await bulkInsert(
        tx,
        'compliance_history',
        HISTORY_COLUMNS,
        diff.historyRows,
      );
      await bulkInsert(
        tx,
        'compliance_level_history',
        LEVEL_HISTORY_COLUMNS,
        diff.levelHistoryRows,
      );
      for (const [entityRef, checkId] of diff.staleResults) {
        await tx('compliance_results')
          .where({ entity_ref: entityRef, check_id: checkId })
          .delete();
      }
      await deleteEntities(tx, diff.removedRefs);
      // Conditional: if someone else wrote since we read, our snapshot is not the whole truth.
      const updated = await tx('compliance_state')
        .where({ id: 1, revision })
        .update({ revision: revision + 1 });
      return updated === 1;
    });

    const snapshot = this.snapshot;
    if (bumped && (state.complete || snapshot?.revision === revision)) {
      const target = state.complete ? state : snapshot!;
      applyChanges(target, diff.changes());
      this.snapshot = { ...target, revision: revision + 1, complete: true };
    } else {
      this.snapshot = undefined;
    }
  }

  private async readRevision(): Promise<number> {
    const row = await this.db('compliance_state').where({ id: 1 }).first();
    return Number(row?.revision ?? 0);
  }

  /**
   * The stored results and entities: from the in-memory snapshot when no one has written
   * since it was taken (a steady-state sweep then reads one row), else from the database,
   * all of them for a complete sweep or just `refs`.
   */
  private async loadState(
    revision: number,
    refs?: string[],
  ): Promise<StoredState> {
    if (this.snapshot?.revision === revision) {
      return this.snapshot;
    }
    const [results, entities] = refs
      ? await Promise.all([
          this.selectIn<ResultRow>('compliance_results', refs),
          this.selectIn<EntityRow>('compliance_entities', refs),
        ])
      : await Promise.all([
          this.db<ResultRow>('compliance_results').select(),
          this.db<EntityRow>('compliance_entities').select(),
        ]);
    const state: StoredState = {
      revision,
      complete: !refs,
      results: new Map(),
      entities: new Map(entities.map(e => [e.entity_ref, e])),
    };
    for (const row of results) {
      let byCheck = state.results.get(row.entity_ref);
      if (!byCheck) {
        byCheck = new Map();
        state.results.set(row.entity_ref, byCheck);
      }
      byCheck.set(row.check_id, row);
    }
    if (!refs) this.snapshot = state;
    return state;
  }

  async removeEntities(
    entityRefs: string[],
    options: { now: Date },
  ): Promise<number> {
    const refs = [...new Set(entityRefs)];
    if (!refs.length) return 0;
    const removed = await this.db.transaction(async tx => {
      const stored = await this.selectIn<EntityRow>(
        'compliance_entities',
        refs,
        tx,
      );
      if (!stored.length) return 0;
      await bulkInsert(
        tx,
        'compliance_level_history',
        LEVEL_HISTORY_COLUMNS,
        stored.map(row => levelRemovalRow(row.entity_ref, row, options.now)),
      );
      await deleteEntities(
        tx,
        stored.map(row => row.entity_ref),
      );
      // Unconditional: every replica's snapshot of the stored state is out of date now.
      await tx('compliance_state').where({ id: 1 }).increment('revision', 1);
      return stored.length;
    });
    // Rare (deletions only): the next save reads the stored state again instead.
    if (removed) this.snapshot = undefined;
    return removed;
  }

  async getEntity(entityRef: string): Promise<StoredEntity | undefined> {
    const row = await this.db<EntityRow>('compliance_entities')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    const results = await this.db<ResultRow>('compliance_results')
      .where({ entity_ref: entityRef })
      .orderBy('check_id');
    return {
      entityRef: row.entity_ref,
      ownerRef: row.owner_ref ?? undefined,
      systemRef: row.system_ref ?? undefined,
      domainRef: row.domain_ref ?? undefined,
      level: row.level,
      failingCount: row.failing_count,
      changedAt: toIso(row.changed_at),
      firstEvaluatedAt: row.first_evaluated_at
        ? toIso(row.first_evaluated_at)
        : undefined,
      results: results.map(r => ({
        checkId: r.check_id,
        title: r.check_id,
        status: r.status,
        message: r.message,
        remediation: r.remediation ?? undefined,
        evaluatedAt: toIso(r.since),
      })),
    };
  }

  async getHistory(
    entityRef: string,
    options: { limit: number },
  ): Promise<HistoryEntry[]> {
    const rows = await this.db('compliance_history')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'changed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      checkId: r.check_id,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      changedAt: toIso(r.changed_at),
    }));
  }

  async getRollupCounts(
    scope: RollupScope,
    options: { worstOffenders: number },
  ): Promise<RollupCounts> {
    const scoped = (query: Knex.QueryBuilder) => {
      if (scope.ownerRefs) query.whereIn('owner_ref', scope.ownerRefs);
      if (scope.systemRef) query.where('system_ref', scope.systemRef);
      if (scope.domainRef) query.where('domain_ref', scope.domainRef);
      if (scope.entityRefs) {
        whereEntityRefIn(this.db, query, 'entity_ref', scope.entityRefs);
      }
      return query;
    };
    const entities = () => scoped(this.db('compliance_entities'));

    const [countRow] = await entities().count({ count: '*' });
    const [compliantRow] = await entities()
      .where('failing_count', 0)
      .count({ count: '*' });
    const levelRows: Array<{ level: string | null; count: number | string }> =
      await entities().select('level').count({ count: '*' }).groupBy('level');
    const checkRows: Array<{
      check_id: string;
      status: string;
      count: number | string;
    }> = await this.db('compliance_results as r')
      .join('compliance_entities as e', 'e.entity_ref', 'r.entity_ref')
      .modify(q => {
        if (scope.ownerRefs) q.whereIn('e.owner_ref', scope.ownerRefs);
        if (scope.systemRef) q.where('e.system_ref', scope.systemRef);
        if (scope.domainRef) q.where('e.domain_ref', scope.domainRef);
        if (scope.entityRefs) {
          whereEntityRefIn(this.db, q, 'e.entity_ref', scope.entityRefs);
        }
      })
      .select('r.check_id', 'r.status')
      .count({ count: '*' })
      .groupBy('r.check_id', 'r.status');
    const offenders: Array<Pick<EntityRow, 'entity_ref' | 'owner_ref'>> =
      await entities()
        .where('failing_count', '>', 0)
        .orderBy([
          { column: 'failing_count', order: 'desc' },
          { column: 'entity_ref', order: 'asc' },
        ])
        .limit(options.worstOffenders)
        .select('entity_ref', 'owner_ref');
    const failingRows: Array<{ entity_ref: string; check_id: string }> =
      offenders.length
        ? await this.db('compliance_results')
            .whereIn(
              'entity_ref',
              offenders.map(o => o.entity_ref),
            )
            .whereIn('status', FAILING)
            .select('entity_ref', 'check_id')
        : [];

    const checks: RollupCounts['checks'] = {};
    for (const row of checkRows) {
      (checks[row.check_id] ??= {})[row.status as CheckStatus] = Number(
        row.count,
      );
    }
    return {
      entityCount: Number(countRow?.count ?? 0),
      compliantCount: Number(compliantRow?.count ?? 0),
      levels: Object.fromEntries(
        levelRows.map(r => [r.level ?? 'none', Number(r.count)]),
      ),
      checks,
      worstOffenders: offenders.map(o => ({
        entityRef: o.entity_ref,
        ownerRef: o.owner_ref ?? undefined,
        failing: failingRows
          .filter(f => f.entity_ref === o.entity_ref)
          .map(f => f.check_id)
          .sort(),
      })),
    };
  }

  async createExemption(input: NewExemption): Promise<Exemption> {
    const row: ExemptionRow = {
      id: randomUUID(),
      entity_ref: input.entityRef,
      check_id: input.checkId,
      reason: input.reason,
      status: 'pending',
      requested_by: input.requestedBy,
      requested_at: new Date(input.requestedAt),
      expires_at: new Date(input.expiresAt),
      decided_by: null,
      decided_at: null,
      decision_comment: null,
    };
    await this.db('compliance_exemptions').insert(row);
    return exemptionFromRow(row);
  }

  async getExemption(id: string): Promise<Exemption | undefined> {
    const row = await this.db<ExemptionRow>('compliance_exemptions')
      .where({ id })
      .first();
    return row ? exemptionFromRow(row) : undefined;
  }

  async decideExemption(
    id: string,
    decision: {
      status: 'approved' | 'rejected';
      decidedBy: string;
      decidedAt: string;
      comment?: string;
    },
  ): Promise<Exemption | undefined> {
    // The status condition makes concurrent decisions safe: only one of them updates.
    const updated = await this.db('compliance_exemptions')
      .where({ id, status: 'pending' })
      .update({
        status: decision.status,
        decided_by: decision.decidedBy,
        decided_at: new Date(decision.decidedAt),
        decision_comment: decision.comment ?? null,
      });
    return updated ? this.getExemption(id) : undefined;
  }

  async listExemptions(filter: {
    entityRef?: string;
    status?: Exemption['status'][];
  }): Promise<Exemption[]> {
    const query = this.db<ExemptionRow>('compliance_exemptions').orderBy(
      'requested_at',
      'desc',
    );
    if (filter.entityRef) query.where('entity_ref', filter.entityRef);
    if (filter.status) query.whereIn('status', filter.status);
    return (await query).map(exemptionFromRow);
  }

  async expireExemptions(now: Date): Promise<Exemption[]> {
    const due = await this.db<ExemptionRow>('compliance_exemptions')
      .whereIn('status', ['pending', 'approved'])
      .where('expires_at', '<=', now);
    if (due.length === 0) return [];
    await this.db('compliance_exemptions')
      .whereIn(
        'id',
        due.map(d => d.id),
      )
      .whereIn('status', ['pending', 'approved'])
      .update({ status: 'expired' });
    return due.map(row => exemptionFromRow({ ...row, status: 'expired' }));
  }

  async saveExternalResult(
    input: ExternalResultInput & { reportedBy: string; reportedAt: string },
  ): Promise<void> {
    await this.db('compliance_external_results')
      .insert({
        entity_ref: input.entityRef,
        check_id: input.checkId,
        status: input.status,
        message: input.message,
        remediation: input.remediation ?? null,
        reported_by: input.reportedBy,
        reported_at: new Date(input.reportedAt),
      })
      .onConflict(['entity_ref', 'check_id'])
      .merge();
  }

  async listExternalResults(filter: { entityRef?: string }) {
    const query = this.db('compliance_external_results');
    if (filter.entityRef) query.where('entity_ref', filter.entityRef);
    return (await query).map(r => ({
      entityRef: r.entity_ref,
      checkId: r.check_id,
      status: r.status,
      message: r.message,
      remediation: r.remediation ?? undefined,
      reportedBy: r.reported_by,
      reportedAt: toIso(r.reported_at),
    }));
  }

  private async selectIn<T extends {}>(
    table: string,
    refs: string[],
    db: Knex | Knex.Transaction = this.db,
  ): Promise<T[]> {
    const rows: T[] = [];
    for (const batch of chunks(refs)) {
      rows.push(...((await db(table).whereIn('entity_ref', batch)) as T[]));
    }
    return rows;
  }
}
