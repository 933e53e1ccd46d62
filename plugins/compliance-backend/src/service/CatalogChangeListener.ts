import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  ENTITY_CHANGED_TOPIC,
  isEntityChangedEventPayload,
  TECHDOCS_PUBLISHED_TOPIC,
  type EntitySpecReference,
  type TechDocsPublishedEventPayload,
} from '@runway/events-node';
import type { CatalogIndex } from '@runway/plugin-compliance-node';
import { affectedByChanges, RELATED_KINDS } from './affectedByChanges';
import type { CatalogIndexProvider } from './CatalogIndexProvider';
import type { ComplianceService } from './ComplianceService';

/** Beyond this many affected entities, a batch is left to the sweep. @internal */
export const DEFAULT_MAX_ENTITIES = 500;
/** Hashes remembered for dedupe; the oldest are forgotten first. */
const MAX_REMEMBERED = 100_000;

/** @internal */
export type CatalogChangeListenerOptions = {
  events: EventsService;
  logger: LoggerService;
  compliance: Pick<ComplianceService, 'evaluate' | 'evaluateEntities'>;
  catalogIndex: Pick<CatalogIndexProvider, 'refresh'>;
  /** Evaluated kinds, lower-case. */
  kinds: string[];
  /** Wait after the first change of a batch: the event comes before the catalog stores it. */
  delayMs: number;
  maxEntities?: number;
};

/** How often a change whose entity the catalog has not stored yet is tried again. */
const MAX_ATTEMPTS = 6;
/** The longest wait before such a try. */
const MAX_RETRY_DELAY_MS = 60_000;

type Change = {
  kind: string;
  hash: string;
  /** Tries so far for an entity the catalog did not have yet (the event comes first). */
  attempt?: number;
  /** Known former references, of every announcement of the entity in the batch. */
  previousReferences?: EntitySpecReference[];
};

/**
 * Re-evaluates compliance when the catalog announces an entity change
 * (`runway.catalog.entity-changed`, from the catalog module entity-changes):
 *
 * - a changed entity of an evaluated kind is evaluated itself;
 * - a changed Group, User or System re-evaluates the entities whose checks read it, by its
 *   new content and by its former references from the event (a group's former parent, a
 *   user's former groups): see {@link affectedByChanges}.
 *
 * Changes are batched for `delayMs` after the first one. An event without
 * `previousReferences` (a new entity, a cleared processor cache, an older publisher) is
 * handled by the new content only; deletions are not announced at all, and are left to
 * CatalogDeletionReconciler and the sweep.
 *
 * @internal
 */
export class CatalogChangeListener {
  private pending = new Map<string, Change>();
  private readonly handled = new Map<string, string>();
  private timer?: ReturnType<typeof setTimeout>;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: CatalogChangeListenerOptions) {}

  async subscribe(): Promise<void> {
    await this.options.events.subscribe({
      id: 'entity-changes',
      topics: [ENTITY_CHANGED_TOPIC, TECHDOCS_PUBLISHED_TOPIC],
      // Returns at once: the catalog waits for local subscribers while it processes.
      onEvent: async ({ topic, eventPayload }) =>
        topic === TECHDOCS_PUBLISHED_TOPIC
          ? this.onDocsPublished(eventPayload)
          : this.onChange(eventPayload),
    });
  }

  /**
   * Published TechDocs change what `docs.techdocs-present` finds, not the entity: the
   * entity is evaluated again as if it had changed.
   */
  onDocsPublished(payload: unknown): void {
    const published = payload as Partial<TechDocsPublishedEventPayload>;
    if (
      typeof published?.entityRef !== 'string' ||
      typeof published.kind !== 'string' ||
      typeof published.publishedAt !== 'string'
    ) {
      this.options.logger.debug(
        `Ignoring a malformed ${TECHDOCS_PUBLISHED_TOPIC} event`,
      );
      return;
    }
    this.onChange({
      entityRef: published.entityRef,
      kind: published.kind,
      hash: `techdocs-published@${published.publishedAt}`,
    });
  }

  /** Adds a change to the next batch, unless its content was handled already. */
  onChange(payload: unknown): void {
    if (!isEntityChangedEventPayload(payload)) {
      this.options.logger.debug(
        `Ignoring a malformed ${ENTITY_CHANGED_TOPIC} event`,
      );
      return;
    }
    const ref = payload.entityRef.toLocaleLowerCase('en-US');
    // The catalog clears its processor caches now and then and announces unchanged content.
    if (this.handled.get(ref) === payload.hash || this.stopped) return;
    // Two announcements in one batch: the first one's former references are former too.
    const previousReferences = mergeReferences(
      this.pending.get(ref)?.previousReferences,
      readReferences(payload.previousReferences),
    );
    this.pending.set(ref, {
      kind: payload.kind.toLocaleLowerCase('en-US'),
      hash: payload.hash,
      ...(previousReferences ? { previousReferences } : {}),
    });
    this.schedule();
  }

  /** Resolves when the batches started so far are done. */
  idle(): Promise<void> {
    return this.running;
  }

  /** Drops the batch not started yet and waits for the running one. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    await this.running;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    if (!batch.size || this.stopped) return;
    try {
      const notYetStored = await this.evaluate(batch);
      for (const [ref, { hash }] of batch) {
        if (!notYetStored.has(ref)) this.remember(ref, hash);
      }
      this.retryLater(batch, notYetStored);
    } catch (error) {
      // Not remembered: the next announcement of these entities tries again.
      this.options.logger.warn(
        `Compliance evaluation after ${batch.size} catalog change(s) failed`,
        error as Error,
      );
    }
  }

  /**
   * The catalog announces an entity while it processes it and stores it a little later,
   * later still when it is busy (a first ingestion, a large location): an entity it did not
   * have yet is tried again, waiting longer each time, rather than left to the sweep.
   */
  private retryLater(batch: Map<string, Change>, refs: Set<string>) {
    const again = [...refs]
      .map(ref => [ref, batch.get(ref)!] as const)
      .filter(([, change]) => (change.attempt ?? 0) + 1 < MAX_ATTEMPTS);
    if (!again.length || this.stopped) return;
    const attempt = Math.max(...again.map(([, c]) => c.attempt ?? 0)) + 1;
    const delay = Math.min(
      MAX_RETRY_DELAY_MS,
      Math.max(this.options.delayMs, 1000) * 2 ** attempt,
    );
    setTimeout(() => {
      for (const [ref, change] of again) {
        // A newer announcement of the entity takes its place.
        if (!this.pending.has(ref)) {
          this.pending.set(ref, {
            ...change,
            attempt: (change.attempt ?? 0) + 1,
          });
        }
      }
      this.schedule();
    }, delay).unref();
  }

  private schedule() {
    if (this.stopped) return;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      // One batch at a time; a batch collected meanwhile waits for the one running.
      this.running = this.running.then(() => this.flush());
    }, this.options.delayMs);
  }

  /** Evaluates a batch; returns the changed entities the catalog has not stored yet. */
  private async evaluate(batch: Map<string, Change>): Promise<Set<string>> {
    const { kinds, compliance, catalogIndex, logger } = this.options;
    const maxEntities = this.options.maxEntities ?? DEFAULT_MAX_ENTITIES;
    const direct = [...batch]
      .filter(([, change]) => kinds.includes(change.kind))
      .map(([ref]) => ref);
    const related = [...batch]
      .filter(([, change]) => RELATED_KINDS.includes(change.kind))
      .map(([ref, change]) => ({ ref, ...change }));

    let index: CatalogIndex | undefined;
    let affected: string[] = [];
    if (related.length) {
      // The index must show the changed groups and users: read it once for the batch.
      index = await catalogIndex.refresh();
      const directSet = new Set(direct);
      affected = [...affectedByChanges(index, related, kinds)].filter(
        ref => !directSet.has(ref),
      );
    }

    const notYetStored = new Set<string>();
    const total = direct.length + affected.length;
    if (total > maxEntities) {
      logger.info(
        `${batch.size} catalog change(s) affect ${total} entities, more than ${maxEntities}: their compliance is left to the next sweep`,
      );
      return notYetStored;
    }

    let evaluated = 0;
    for (const ref of direct) {
      try {
        await compliance.evaluate(ref);
        evaluated += 1;
      } catch (error) {
        if (error instanceof NotFoundError) {
          // Not stored yet (tried again later), or removed (the reconcile's part).
          logger.debug(`Not evaluating ${ref} yet: ${error.message}`);
          notYetStored.add(ref);
        } else {
          logger.warn(`Compliance evaluation of ${ref} failed`, error as Error);
        }
      }
    }
    if (index && affected.length) {
      const result = await compliance.evaluateEntities(affected, index);
      evaluated += result.entities;
    }
    if (evaluated) {
      logger.info(
        `Compliance evaluated ${evaluated} entities after catalog changes to ${[
          ...batch.keys(),
        ]
          .slice(0, 5)
          .join(', ')}${batch.size > 5 ? `, … (${batch.size})` : ''}`,
      );
    }
    return notYetStored;
  }

  private remember(ref: string, hash: string) {
    this.handled.delete(ref);
    this.handled.set(ref, hash);
    if (this.handled.size > MAX_REMEMBERED) {
      this.handled.delete(this.handled.keys().next().value!);
    }
  }
}

/** The well-formed references of an event, with lower-case refs; undefined if none are known. */
function readReferences(value: unknown): EntitySpecReference[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap(item =>
    typeof item?.type === 'string' && typeof item?.targetRef === 'string'
      ? [
          {
            type: item.type,
            targetRef: item.targetRef.toLocaleLowerCase('en-US'),
          },
        ]
      : [],
  );
}

function mergeReferences(
  earlier: EntitySpecReference[] | undefined,
  later: EntitySpecReference[] | undefined,
): EntitySpecReference[] | undefined {
  if (!earlier || !later) return earlier ?? later;
  const merged = new Map(
    [...earlier, ...later].map(r => [`${r.type} ${r.targetRef}`, r]),
  );
  return [...merged.values()];
}
