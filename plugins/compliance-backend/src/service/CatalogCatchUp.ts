import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import type { CatalogIndex } from '@runway/plugin-compliance-node';
import { isEmptyIndex } from '../catalog/isEmptyIndex';
import type { CatchUpStore } from '../database/CatchUpStore';
import {
  affectedByChanges,
  RELATED_KINDS,
  type RelatedChange,
} from './affectedByChanges';
import { DEFAULT_MAX_ENTITIES } from './CatalogChangeListener';
import type { CatalogIndexProvider } from './CatalogIndexProvider';
import type { ComplianceService } from './ComplianceService';

/** @internal */
export type CatalogCatchUpOptions = {
  logger: LoggerService;
  store: CatchUpStore;
  compliance: Pick<ComplianceService, 'evaluateEntities' | 'removeEntities'>;
  catalogIndex: Pick<CatalogIndexProvider, 'refresh'>;
  /** Evaluated kinds, lower-case. */
  kinds: string[];
  /**
   * Has the full sweep run soon (the scheduler's sweep task), for more than `maxEntities`;
   * throws a ConflictError while a sweep runs.
   */
  triggerSweep: () => Promise<void>;
  maxEntities?: number;
  /** How long to go on triggering while a sweep runs (default 4 minutes), and how often. */
  retryForMs?: number;
  retryDelayMs?: number;
};

/** What a catch-up found and did. @internal */
export type CatchUpSummary = {
  /** Stored entities whose catalog entity changed since they were evaluated. */
  changed: number;
  /** Entities in the catalog never evaluated. */
  new: number;
  /** Stored entities no longer in the catalog (or no longer of an evaluated kind). */
  removed: number;
  /** Further entities that read a group, user or system that changed or left. */
  affected: number;
  /** Whether all of it was left to a sweep, triggered for it. */
  sweep: boolean;
};

/**
 * Evaluates, shortly after start, what changed in the catalog since the stored compliance
 * was evaluated: changes whose events the previous run of the backend never handled (they
 * are batched in memory, see CatalogChangeListener) would otherwise wait for the sweep.
 * It compares the catalog with what is stored:
 *
 * - entities of evaluated kinds never evaluated, or whose `metadata.etag` differs from the
 *   one they were evaluated from (stored with each evaluation), are evaluated;
 * - entities stored but no longer in the catalog are removed, as the deletion reconcile
 *   does for deletions it sees;
 * - groups, users and systems whose etag differs from the last catch-up's (or that left)
 *   re-evaluate what they affect, as {@link affectedByChanges} computes it for the
 *   listener. The catalog stitches relations into both ends, so a user who left a group
 *   changes the group's etag too: former relations need no record of their own. Only the
 *   catch-up records these etags, so a start re-evaluates what the groups, users and
 *   systems changed since the previous start affect, even if their events were handled:
 *   work done twice at start, never work missed.
 *
 * More than `maxEntities` to evaluate (a first start, the first start after this was
 * introduced) are left to a sweep, triggered for it. An entity whose source sets its own
 * `metadata.etag` keeps it in the catalog whatever changes: its changes are not seen here
 * and wait for the listener or the sweep.
 *
 * @internal
 */
export class CatalogCatchUp {
  private caughtUp = false;

  constructor(private readonly options: CatalogCatchUpOptions) {}

  /**
   * Catches up unless this instance did so already: the scheduler runs the task again and
   * again, so that it runs soon after every start (see {@link scheduleCatchUp}), and only
   * the first successful run after a start does the work. Undefined when it did nothing.
   */
  async catchUpOnce(): Promise<CatchUpSummary | undefined> {
    if (this.caughtUp) return undefined;
    const summary = await this.catchUp();
    if (summary) this.caughtUp = true;
    return summary;
  }

  /** One comparison and what follows from it; undefined if it has to be tried again. */
  async catchUp(): Promise<CatchUpSummary | undefined> {
    const { catalogIndex, store, compliance, logger } = this.options;
    const maxEntities = this.options.maxEntities ?? DEFAULT_MAX_ENTITIES;
    const index = await catalogIndex.refresh();
    const [evaluatedEtags, relatedEtags] = await Promise.all([
      store.listEvaluatedEtags(),
      store.listRelatedEtags(),
    ]);
    if (isEmptyIndex(index) && (evaluatedEtags.size || relatedEtags.size)) {
      logger.warn(
        'Compliance catch-up read no entities from the catalog; trying again later rather than treating the whole catalog as deleted',
      );
      return undefined;
    }

    const found = this.compare(index, evaluatedEtags, relatedEtags);
    const direct = new Set([...found.newRefs, ...found.changedRefs]);
    const toEvaluate = new Set(direct);
    for (const ref of affectedByChanges(
      index,
      found.relatedChanges,
      this.options.kinds,
    )) {
      toEvaluate.add(ref);
    }
    const summary: CatchUpSummary = {
      changed: found.changedRefs.length,
      new: found.newRefs.length,
      removed: found.removedRefs.length,
      affected: toEvaluate.size - direct.size,
      sweep: toEvaluate.size > maxEntities,
    };
    const counts = `${summary.changed} changed, ${summary.new} new, ${summary.removed} removed; ${summary.affected} more affected by ${found.relatedChanges.length} changed groups, users or systems`;

    if (summary.sweep) {
      if (!(await this.triggerSweepAfterThisRead())) {
        logger.info(
          `Compliance catch-up at start: ${counts}; a sweep is still running, trying again later`,
        );
        return undefined;
      }
      logger.info(
        `Compliance catch-up at start: ${counts}; more than ${maxEntities} to evaluate, left to a sweep triggered now`,
      );
    } else {
      if (toEvaluate.size) await compliance.evaluateEntities(toEvaluate, index);
      if (found.removedRefs.length) {
        await compliance.removeEntities(found.removedRefs);
      }
      logger.info(`Compliance catch-up at start: ${counts}`);
    }
    // Only now that what they affect is evaluated (or a sweep after this read is due): if
    // a step failed, the next catch-up finds the same changes again.
    await store.saveRelatedEtags(found.relatedEtagChanges);
    return summary;
  }

  /**
   * Triggers a sweep, which then reads the catalog after this catch-up did. A sweep that is
   * running may have read it before (on another replica, before this one started): the
   * trigger is tried again until it is done, rather than reading the catalog again.
   */
  private async triggerSweepAfterThisRead(): Promise<boolean> {
    const retryDelayMs = this.options.retryDelayMs ?? 5_000;
    const deadline = Date.now() + (this.options.retryForMs ?? 4 * 60_000);
    for (;;) {
      try {
        await this.options.triggerSweep();
        return true;
      } catch (error) {
        if (!isError(error) || error.name !== 'ConflictError') throw error;
        if (Date.now() >= deadline) return false;
      }
      await new Promise(resolve => setTimeout(resolve, retryDelayMs));
    }
  }

  private compare(
    index: CatalogIndex,
    evaluatedEtags: ReadonlyMap<string, string | null>,
    relatedEtags: ReadonlyMap<string, string>,
  ) {
    const { kinds } = this.options;
    const newRefs: string[] = [];
    const changedRefs: string[] = [];
    const relatedChanges: RelatedChange[] = [];
    const etags = new Map<string, string>();
    const evaluatedInCatalog = new Set<string>();

    for (const entity of index.all()) {
      const kind = lowerCase(entity.kind);
      const etag = etagOf(entity);
      const isEvaluated = kinds.includes(kind);
      const isRelated = RELATED_KINDS.includes(kind);
      if (!isEvaluated && !isRelated) continue;
      // Lower-case, as the store keeps refs and affectedByChanges returns them: an entity
      // both changed and affected is evaluated once.
      const ref = stringifyEntityRef(entity);
      if (isEvaluated) {
        evaluatedInCatalog.add(ref);
        const stored = evaluatedEtags.get(ref);
        if (stored === undefined) newRefs.push(ref);
        // Without an etag nothing can be told: evaluated, to be safe.
        else if (!etag || stored !== etag) changedRefs.push(ref);
      }
      if (isRelated && (!etag || relatedEtags.get(ref) !== etag)) {
        relatedChanges.push({ ref, kind });
        if (etag) etags.set(ref, etag);
      }
    }

    const removedRefs = [...evaluatedEtags.keys()].filter(
      ref => !evaluatedInCatalog.has(ref),
    );
    const removedRelatedRefs: string[] = [];
    for (const ref of relatedEtags.keys()) {
      if (index.get(ref)) continue;
      // Left the catalog: what still refers to it (what it owned, its systems' entities) is
      // found by its ref; its parent and groups changed their own etags.
      removedRelatedRefs.push(ref);
      relatedChanges.push({ ref, kind: lowerCase(parseEntityRef(ref).kind) });
    }
    return {
      newRefs,
      changedRefs,
      removedRefs,
      relatedChanges,
      relatedEtagChanges: { etags, removedRefs: removedRelatedRefs },
    };
  }
}

/**
 * Schedules the catch-up so that it runs within `delayMs` of every start. The scheduler
 * keeps a task's next run time across restarts and ignores `initialDelay` for a task it
 * knows already (it only delays each process's first look at the task): a task due once
 * ever, or every day, would not run at the next start. This one is due every `delayMs` and
 * does its work once per process. Global scope: one replica at a time.
 *
 * @internal
 */
export async function scheduleCatchUp(options: {
  scheduler: SchedulerService;
  delayMs: number;
  catchUp: Pick<CatalogCatchUp, 'catchUpOnce'>;
}): Promise<void> {
  const every = { milliseconds: options.delayMs };
  await options.scheduler.scheduleTask({
    id: 'compliance-catch-up',
    scope: 'global',
    frequency: every,
    initialDelay: every,
    timeout: { minutes: 5 },
    fn: async () => {
      await options.catchUp.catchUpOnce();
    },
  });
}

function lowerCase(value: string): string {
  return value.toLocaleLowerCase('en-US');
}

function etagOf(entity: Entity): string | undefined {
  const etag = entity.metadata.etag;
  return typeof etag === 'string' && etag ? etag : undefined;
}
