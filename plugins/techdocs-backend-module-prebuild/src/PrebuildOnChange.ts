import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  ENTITY_CHANGED_TOPIC,
  isEntityChangedEventPayload,
} from '@runway/events-node';
import type { PrebuildResult } from './prebuildTechDocs';

/** How often an entity the catalog has not stored yet is looked for again. */
const MAX_ATTEMPTS = 6;
/** The longest wait before such a try. */
const MAX_RETRY_DELAY_MS = 60_000;
/** Hashes remembered to skip repeated announcements; the oldest are forgotten first. */
const MAX_REMEMBERED = 100_000;

/** @internal */
export type PrebuildOnChangeOptions = {
  events: EventsService;
  logger: LoggerService;
  /**
   * Builds the docs of those of the entities that have a techdocs-ref (the module runs it
   * through the runner it shares with the scheduled pass: one build at a time).
   */
  prebuild: (entityRefs: string[]) => Promise<PrebuildResult>;
  /** Wait after the first change of a batch: the event comes before the catalog stores it. */
  delayMs: number;
};

type Change = { hash: string; attempt: number };

/**
 * Builds an entity's TechDocs when the catalog announces that its content changed
 * (`runway.catalog.entity-changed`, from the catalog module entity-changes), including when
 * it is ingested for the first time, instead of waiting for the daily full pass.
 *
 * Changes are collected for `delayMs` after the first one and built as one batch; a batch
 * collected while one is building waits for it. An entity the catalog has not stored yet is
 * looked for again, waiting longer each time. A failed batch is logged and not remembered,
 * so the next announcement (or the full pass) tries again.
 *
 * @internal
 */
export class PrebuildOnChange {
  private pending = new Map<string, Change>();
  private readonly handled = new Map<string, string>();
  private timer?: ReturnType<typeof setTimeout>;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: PrebuildOnChangeOptions) {}

  async subscribe(): Promise<void> {
    await this.options.events.subscribe({
      // With the events backend's bus, one subscriber per id across replicas gets an event.
      id: 'prebuild-on-change',
      topics: [ENTITY_CHANGED_TOPIC],
      // Returns at once: the catalog waits for local subscribers while it processes.
      onEvent: async ({ eventPayload }) => this.onChange(eventPayload),
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
    if (this.stopped || this.handled.get(ref) === payload.hash) return;
    this.pending.set(ref, { hash: payload.hash, attempt: 0 });
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

  private schedule() {
    if (this.stopped) return;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      // One batch at a time; a batch collected meanwhile waits for the one running.
      this.running = this.running.then(() => this.flush());
    }, this.options.delayMs);
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    if (!batch.size || this.stopped) return;
    const { logger } = this.options;
    try {
      const { built, failed, missing } = await this.options.prebuild([
        ...batch.keys(),
      ]);
      const notYetStored = new Set(
        missing.map(ref => ref.toLocaleLowerCase('en-US')),
      );
      const failedRefs = new Set(
        failed.map(ref => ref.toLocaleLowerCase('en-US')),
      );
      for (const [ref, { hash }] of batch) {
        if (!notYetStored.has(ref) && !failedRefs.has(ref)) {
          this.remember(ref, hash);
        }
      }
      if (built || failed.length) {
        logger.info(
          `TechDocs prebuild after ${
            batch.size
          } catalog change(s): ${built} up to date${
            failed.length ? `, ${failed.length} failed` : ''
          }`,
        );
      }
      this.retryLater(batch, notYetStored);
    } catch (error) {
      // Not remembered: the next announcement of these entities, or the full pass, tries again.
      logger.warn(
        `TechDocs prebuild after ${batch.size} catalog change(s) failed`,
        error as Error,
      );
    }
  }

  /**
   * The catalog announces an entity while it processes it and stores it a little later,
   * later still when it is busy (a first ingestion): such an entity is looked for again.
   */
  private retryLater(batch: Map<string, Change>, refs: Set<string>) {
    const again = [...refs]
      .filter(ref => batch.has(ref))
      .map(ref => [ref, batch.get(ref)!] as const)
      .filter(([, change]) => change.attempt + 1 < MAX_ATTEMPTS);
    if (!again.length || this.stopped) return;
    const attempt = Math.max(...again.map(([, c]) => c.attempt)) + 1;
    const delay = Math.min(
      MAX_RETRY_DELAY_MS,
      Math.max(this.options.delayMs, 1) * 2 ** attempt,
    );
    setTimeout(() => {
      for (const [ref, change] of again) {
        // A newer announcement of the entity takes its place.
        if (!this.pending.has(ref)) {
          this.pending.set(ref, { ...change, attempt: change.attempt + 1 });
        }
      }
      this.schedule();
    }, delay).unref();
  }

  private remember(ref: string, hash: string) {
    this.handled.delete(ref);
    this.handled.set(ref, hash);
    if (this.handled.size > MAX_REMEMBERED) {
      this.handled.delete(this.handled.keys().next().value!);
    }
  }
}
