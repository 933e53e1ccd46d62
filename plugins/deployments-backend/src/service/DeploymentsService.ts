import { InputError, NotFoundError } from '@backstage/errors';
import type {
  DeploymentRunList,
  DeploymentVersionRegistration,
  DoraMetrics,
  HistoryImportResult,
  ImportedDeployment,
  RunStatus,
} from '@runway/plugin-deployments-common';
import type { DeploymentsConfig } from '../config';
import type {
  AuditFilter,
  AuditLog,
  AuditRecord,
  AuditVerification,
} from '../database/AuditLog';
import type {
  DeploymentsStore,
  NewImportedRun,
  StoredRun,
} from '../database/DeploymentsStore';
import { computeDora } from '../dora/computeDora';
import { parseDateTime, tryParseDateTime } from '../lib/parseDateTime';
import type { RowError } from '../lib/rowErrors';
import { decodeRunCursor, encodeRunCursor } from './runCursor';

/** How far in the future a reported time may lie: clocks of CI runners drift. */
const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const DEFAULT_PAGE_SIZE = 50;

/** The 404 of a run that does not exist or is not visible: the two look alike. @internal */
export const RUN_NOT_FOUND = 'no such run, or it is not visible to you';

/** An imported deployment whose entity ref the caller's catalog resolved (stored form). @internal */
export type ResolvedImportedDeployment = Omit<
  ImportedDeployment,
  'entityRef'
> & {
  entityRef: string;
};

/** A DORA time range as asked; both ends optional. @internal */
export type DoraWindowQuery = { from?: string; to?: string };

function importMessage(imported: number, unchanged: number): string {
  const runs = (n: number) => `${n} deployment${n === 1 ? '' : 's'}`;
  const were = (n: number) => (n === 1 ? 'was' : 'were');
  if (imported === 0) {
    return unchanged === 1
      ? 'Nothing changed: the deployment was imported before'
      : `Nothing changed: all ${runs(unchanged)} were imported before`;
  }
  if (unchanged === 0) return `Imported ${runs(imported)}`;
  return `Imported ${runs(imported)}; ${runs(unchanged)} ${were(
    unchanged,
  )} imported before and did not change`;
}

/**
 * The deployments logic: versions, imports, runs, DORA and the audit trail. It knows
 * nothing of callers; the Authorized layer around it checks permissions and visibility.
 *
 * @internal
 */
export class DeploymentsService {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      store: DeploymentsStore;
      auditLog: AuditLog;
      config: DeploymentsConfig;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  get productionStage(): string {
    return this.options.config.productionStage;
  }

  async registerVersion(input: {
    entityRef: string;
    version: string;
    commitSha: string;
    commitTime: string;
    author: string;
    registeredBy: string;
  }): Promise<DeploymentVersionRegistration> {
    const commitTime = parseDateTime(input.commitTime, 'commitTime');
    if (this.isInFuture(commitTime)) {
      throw new InputError('commitTime: is in the future');
    }
    return this.options.store.registerVersion({
      ...input,
      commitSha: input.commitSha.toLowerCase(),
      commitTime,
    });
  }

  /**
   * What is wrong with the rows of an import beyond their schema: times that do not
   * exist, are in the future or out of order, and external ids sent twice. Rows in
   * `malformed` (that break the schema) are not looked at.
   */
  validateImport(
    rows: ImportedDeployment[],
    malformed: ReadonlySet<number> = new Set(),
  ): RowError[] {
    const errors: RowError[] = [];
    const firstIndex = new Map<string, number>();
    rows.forEach((row, index) => {
      if (malformed.has(index)) return;
      const error = (field: string, message: string) =>
        errors.push({ index, field, message });
      const earlier = firstIndex.get(row.externalId);
      if (earlier === undefined) {
        firstIndex.set(row.externalId, index);
      } else {
        error(
          'externalId',
          `'${row.externalId}' appears more than once in this request (first at deployments[${earlier}])`,
        );
      }
      const times: Record<string, Date | undefined> = {};
      for (const field of ['commitTime', 'startedAt', 'finishedAt'] as const) {
        times[field] = tryParseDateTime(row[field]);
        if (!times[field]) {
          error(field, `'${row[field]}' is not a date-time that exists`);
        } else if (this.isInFuture(times[field]!)) {
          error(field, 'is in the future');
        }
      }
      const { commitTime, startedAt, finishedAt } = times;
      if (commitTime && startedAt && commitTime > startedAt) {
        error('commitTime', 'is after startedAt');
      }
      if (startedAt && finishedAt && finishedAt < startedAt) {
        error('finishedAt', 'is before startedAt');
      }
    });
    return errors;
  }

  /** Stores rows that {@link DeploymentsService.validateImport} found nothing wrong with. */
  async importHistory(
    rows: ResolvedImportedDeployment[],
    actor: string,
  ): Promise<HistoryImportResult> {
    const runs: NewImportedRun[] = rows.map(row => ({
      externalId: row.externalId,
      entityRef: row.entityRef,
      stage: row.stage,
      version: row.version,
      commitSha: row.commitSha.toLowerCase(),
      commitTime: tryParseDateTime(row.commitTime)!,
      startedAt: tryParseDateTime(row.startedAt)!,
      finishedAt: tryParseDateTime(row.finishedAt)!,
      status: row.status,
      rollback: row.rollback,
    }));
    const { imported, unchanged } = await this.options.store.importRuns(
      runs,
      actor,
    );
    return { imported, unchanged, message: importMessage(imported, unchanged) };
  }

  async listRuns(
    filter: {
      entityRef?: string;
      stage?: string;
      status?: RunStatus;
      entityRefs?: ReadonlySet<string>;
    },
    page: { limit?: number; cursor?: string },
  ): Promise<DeploymentRunList> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = page.cursor ? decodeRunCursor(page.cursor) : undefined;
    const runs = await this.options.store.listRuns(filter, {
      limit: limit + 1,
      after,
    });
    const items = runs.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      ...(runs.length > limit && last
        ? {
            nextCursor: encodeRunCursor({
              createdAt: last.createdAt,
              id: last.id,
            }),
          }
        : {}),
    };
  }

  async getRun(id: string): Promise<StoredRun> {
    const run = await this.options.store.getRun(id.toLowerCase());
    if (!run) throw new NotFoundError(RUN_NOT_FOUND);
    return run;
  }

  /** [from, to): `to` defaults to now, `from` to the configured number of days before it. */
  doraWindow(query: DoraWindowQuery): { from: Date; to: Date } {
    const to = query.to ? parseDateTime(query.to, 'to') : this.now();
    const from = query.from
      ? parseDateTime(query.from, 'from')
      : new Date(
          to.getTime() - this.options.config.doraDefaultWindowDays * DAY_MS,
        );
    if (from >= to) throw new InputError('from: must be before to');
    return { from, to };
  }

  /** The DORA figures of the production stage over the window, for these entities (or all). */
  async dora(
    entityRefs: ReadonlySet<string> | undefined,
    window: { from: Date; to: Date },
  ): Promise<Omit<DoraMetrics, 'scope'> & { deployedEntities: number }> {
    const runs = await this.options.store.doraRuns({
      stage: this.productionStage,
      ...window,
      entityRefs,
    });
    return {
      ...computeDora(runs, window),
      productionStage: this.productionStage,
      deployedEntities: new Set(runs.inWindow.map(run => run.entityRef)).size,
    };
  }

  readAudit(filter: AuditFilter): AsyncIterable<AuditRecord[]> {
    return this.options.auditLog.read(filter);
  }

  verifyAudit(): Promise<AuditVerification> {
    return this.options.auditLog.verify();
  }

  private isInFuture(time: Date): boolean {
    return time.getTime() > this.now().getTime() + CLOCK_SKEW_MS;
  }
}
