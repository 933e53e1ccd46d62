import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { rowErrorsMessage, type RowError } from '../lib/rowErrors';
import { withAuditChain } from './DatabaseAuditLog';
import { toIso, whereColumnIn } from './dialect';
import type {
  DeploymentsStore,
  DoraRun,
  DoraRuns,
  ImportOutcome,
  NewImportedRun,
  NewVersion,
  RunFilter,
  RunPosition,
  StoredRun,
  StoredVersion,
} from './DeploymentsStore';

const VERSIONS = 'deployments_versions';
const RUNS = 'deployments_runs';

type VersionRow = {
  entity_ref: string;
  version: string;
  commit_sha: string;
  commit_time: Date | string | number;
  author: string;
  registered_by: string;
  registered_at: Date | string | number;
};

type RunRow = {
  id: string;
  entity_ref: string;
  stage: string;
  version: string;
  commit_sha: string;
  commit_time: Date | string | number;
  status: StoredRun['status'];
  rollback: boolean | number;
  source: StoredRun['source'];
  external_id: string | null;
  created_by: string | null;
  created_at: Date | string | number;
  started_at: Date | string | number | null;
  finished_at: Date | string | number | null;
  updated_at: Date | string | number;
};

/** Rows per insert: 15 columns each, well below SQLite's limit on bind parameters. */
const INSERT_CHUNK = 500;

function toVersion(row: VersionRow): StoredVersion {
  return {
    entityRef: row.entity_ref,
    version: row.version,
    commitSha: row.commit_sha,
    commitTime: toIso(row.commit_time),
    author: row.author,
    registeredBy: row.registered_by,
    registeredAt: toIso(row.registered_at),
  };
}

function toRun(row: RunRow): StoredRun {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    stage: row.stage,
    version: row.version,
    commitSha: row.commit_sha,
    commitTime: toIso(row.commit_time),
    status: row.status,
    rollback: Boolean(row.rollback),
    source: row.source,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    ...(row.created_by ? { createdBy: row.created_by } : {}),
    createdAt: toIso(row.created_at),
    ...(row.started_at ? { startedAt: toIso(row.started_at) } : {}),
    ...(row.finished_at ? { finishedAt: toIso(row.finished_at) } : {}),
  };
}

function toDoraRun(row: RunRow): DoraRun {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    status: row.status as DoraRun['status'],
    rollback: Boolean(row.rollback),
    commitTime: new Date(row.commit_time).getTime(),
    finishedAt: new Date(row.finished_at!).getTime(),
  };
}

/** The first field in which a stored imported run differs from the one sent again. */
function differingField(
  stored: RunRow,
  sent: NewImportedRun,
): { field: string; stored: string; sent: string } | undefined {
  const fields: Array<[string, string, string]> = [
    ['entityRef', stored.entity_ref, sent.entityRef],
    ['stage', stored.stage, sent.stage],
    ['version', stored.version, sent.version],
    ['commitSha', stored.commit_sha, sent.commitSha],
    ['commitTime', toIso(stored.commit_time), sent.commitTime.toISOString()],
    ['startedAt', toIso(stored.started_at!), sent.startedAt.toISOString()],
    ['finishedAt', toIso(stored.finished_at!), sent.finishedAt.toISOString()],
    ['status', stored.status, sent.status],
    ['rollback', String(Boolean(stored.rollback)), String(sent.rollback)],
  ];
  const found = fields.find(([, a, b]) => a !== b);
  return found && { field: found[0], stored: found[1], sent: found[2] };
}

const DORA_COLUMNS = [
  'id',
  'entity_ref',
  'status',
  'rollback',
  'commit_time',
  'finished_at',
];

/**
 * Versions and runs on the plugin's database (SQLite or PostgreSQL), each write audited
 * in the hash chain within its transaction.
 *
 * @internal
 */
export class DatabaseDeploymentsStore implements DeploymentsStore {
  private readonly now: () => Date;

  constructor(private readonly db: Knex, options: { now?: () => Date } = {}) {
    this.now = options.now ?? (() => new Date());
  }

  registerVersion(
    input: NewVersion,
  ): Promise<{ created: boolean; version: StoredVersion }> {
    return this.db.transaction(trx =>
      // The chain's lock comes first, so that concurrent registrations of one version are
      // decided one after the other: the second sees the first.
      withAuditChain(trx, this.now, async append => {
        const existing: VersionRow | undefined = await trx(VERSIONS)
          .where({ entity_ref: input.entityRef, version: input.version })
          .first();
        if (existing) {
          if (existing.commit_sha === input.commitSha) {
            return { created: false, version: toVersion(existing) };
          }
          throw new ConflictError(
            `commitSha: version ${input.version} of ${input.entityRef} is registered with commit ${existing.commit_sha}, not ${input.commitSha}`,
          );
        }
        const row: VersionRow = {
          entity_ref: input.entityRef,
          version: input.version,
          commit_sha: input.commitSha,
          commit_time: input.commitTime,
          author: input.author,
          registered_by: input.registeredBy,
          registered_at: this.now(),
        };
        await trx(VERSIONS).insert(row);
        append({
          type: 'version.registered',
          entityRef: input.entityRef,
          actor: input.registeredBy,
          data: {
            version: input.version,
            commitSha: input.commitSha,
            commitTime: input.commitTime.toISOString(),
            author: input.author,
          },
        });
        return { created: true, version: toVersion(row) };
      }),
    );
  }

  importRuns(runs: NewImportedRun[], actor: string): Promise<ImportOutcome> {
    return this.db.transaction(trx =>
      withAuditChain(trx, this.now, async append => {
        const stored = new Map<string, RunRow>();
        const existing: RunRow[] = await whereColumnIn(
          trx,
          trx(RUNS).select('*'),
          'external_id',
          runs.map(run => run.externalId),
        );
        for (const row of existing) stored.set(row.external_id!, row);

        const conflicts: RowError[] = [];
        const fresh: NewImportedRun[] = [];
        runs.forEach((run, index) => {
          const before = stored.get(run.externalId);
          if (!before) {
            fresh.push(run);
            return;
          }
          const diff = differingField(before, run);
          if (diff) {
            conflicts.push({
              index,
              field: diff.field,
              message: `'${run.externalId}' was imported before with ${diff.field} ${diff.stored}, not ${diff.sent}`,
            });
          }
        });
        if (conflicts.length) {
          throw new ConflictError(
            rowErrorsMessage(
              'deployments',
              conflicts,
              `${conflicts.length} deployment(s) contradict what was imported before, so nothing was imported`,
            ),
          );
        }

        const now = this.now();
        const rows: RunRow[] = fresh.map(run => ({
          id: randomUUID(),
          entity_ref: run.entityRef,
          stage: run.stage,
          version: run.version,
          commit_sha: run.commitSha,
          commit_time: run.commitTime,
          status: run.status,
          rollback: run.rollback,
          source: 'import',
          external_id: run.externalId,
          created_by: actor,
          created_at: run.startedAt,
          started_at: run.startedAt,
          finished_at: run.finishedAt,
          updated_at: now,
        }));
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          await trx(RUNS).insert(rows.slice(i, i + INSERT_CHUNK));
        }
        append(
          ...rows.map((row, i) => ({
            type: 'run.imported',
            entityRef: row.entity_ref,
            actor,
            data: {
              runId: row.id,
              externalId: fresh[i].externalId,
              stage: row.stage,
              version: row.version,
              commitSha: row.commit_sha,
              commitTime: fresh[i].commitTime.toISOString(),
              startedAt: fresh[i].startedAt.toISOString(),
              finishedAt: fresh[i].finishedAt.toISOString(),
              status: row.status,
              rollback: fresh[i].rollback,
            },
          })),
        );
        return { imported: rows.length, unchanged: runs.length - rows.length };
      }),
    );
  }

  async listRuns(
    filter: RunFilter,
    page: { limit: number; after?: RunPosition },
  ): Promise<StoredRun[]> {
    let query = this.db<RunRow>(RUNS)
      .select('*')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(page.limit);
    if (filter.entityRef) query = query.where('entity_ref', filter.entityRef);
    if (filter.stage) query = query.where('stage', filter.stage);
    if (filter.status) query = query.where('status', filter.status);
    if (filter.entityRefs) {
      query = whereColumnIn(this.db, query, 'entity_ref', filter.entityRefs);
    }
    const after = page.after;
    if (after) {
      const createdAt = new Date(after.createdAt);
      query = query.where(q =>
        q
          .where('created_at', '<', createdAt)
          .orWhere(same =>
            same
              .where('created_at', '=', createdAt)
              .andWhere('id', '<', after.id),
          ),
      );
    }
    const rows: RunRow[] = await query;
    return rows.map(toRun);
  }

  async getRun(id: string): Promise<StoredRun | undefined> {
    const row: RunRow | undefined = await this.db(RUNS).where({ id }).first();
    return row && toRun(row);
  }

  async doraRuns(query: {
    stage: string;
    from: Date;
    to: Date;
    entityRefs?: ReadonlySet<string>;
  }): Promise<DoraRuns> {
    const finishedRunsOfStage = () => {
      let q = this.db(RUNS)
        .where('stage', query.stage)
        .whereIn('status', ['succeeded', 'failed']);
      if (query.entityRefs) {
        q = whereColumnIn(this.db, q, 'entity_ref', query.entityRefs);
      }
      return q;
    };

    const inWindow: RunRow[] = await finishedRunsOfStage()
      .select(DORA_COLUMNS)
      .where('finished_at', '>=', query.from)
      .where('finished_at', '<', query.to);

    // Per entity, only the first run after the window and the first successful one: the
    // "next deployment" and "next successful deployment" that the definitions look up.
    const ranked = finishedRunsOfStage()
      .select(DORA_COLUMNS)
      .rowNumber('rn_any', ['finished_at', 'id'], 'entity_ref')
      .rowNumber('rn_status', ['finished_at', 'id'], ['entity_ref', 'status'])
      .where('finished_at', '>=', query.to);
    const after: RunRow[] = await this.db
      .select(DORA_COLUMNS)
      .from(ranked.as('ranked'))
      .where('rn_any', 1)
      .orWhere(q => q.where('status', 'succeeded').andWhere('rn_status', 1));

    return { inWindow: inWindow.map(toDoraRun), after: after.map(toDoraRun) };
  }
}
