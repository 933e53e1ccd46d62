import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, isError } from '@backstage/errors';

/**
 * Re-indexes an entity's docs soon after TechDocs publishes them: the entity's cached pages
 * are dropped, so that the next crawl reads them again (the other entities' pages are
 * reused while TechDocs reports the same version), and the crawl is started at once rather
 * than on its schedule. Publications that arrive together start one crawl; one that
 * arrives while a crawl runs starts another when it is over (the running one may have read
 * the entity before it was published).
 */
export class ReindexOnPublish {
  readonly #invalidate: (entityRef: string) => void;
  readonly #triggerCrawl: () => Promise<void>;
  readonly #logger: LoggerService;
  readonly #batchDelayMs: number;
  readonly #retryDelayMs: number;
  #timer: NodeJS.Timeout | undefined;
  #pending = new Set<string>();
  #stopped = false;

  constructor(options: {
    invalidate: (entityRef: string) => void;
    triggerCrawl: () => Promise<void>;
    logger: LoggerService;
    /** How long to wait for more publications before crawling. Default 2 s. */
    batchDelayMs?: number;
    /** How long to wait before trying again while a crawl runs. Default 15 s. */
    retryDelayMs?: number;
  }) {
    this.#invalidate = options.invalidate;
    this.#triggerCrawl = options.triggerCrawl;
    this.#logger = options.logger;
    this.#batchDelayMs = options.batchDelayMs ?? 2000;
    this.#retryDelayMs = options.retryDelayMs ?? 15_000;
  }

  /** Called for each publication. */
  published(entityRef: string): void {
    if (this.#stopped) return;
    this.#invalidate(entityRef);
    this.#pending.add(entityRef);
    this.#schedule(this.#batchDelayMs);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #schedule(delayMs: number) {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#crawl();
    }, delayMs);
    this.#timer.unref?.();
  }

  async #crawl() {
    if (this.#stopped || !this.#pending.size) return;
    const entityRefs = [...this.#pending];
    try {
      await this.#triggerCrawl();
      this.#pending.clear();
      this.#logger.info(
        `Re-indexing TechDocs sections for ${entityRefs.join(', ')}`,
      );
    } catch (error) {
      if (isError(error) && error.name === ConflictError.name) {
        // A crawl is running; it may have read these entities before they were published.
        this.#schedule(this.#retryDelayMs);
        return;
      }
      this.#pending.clear();
      this.#logger.warn(
        `Could not start re-indexing TechDocs sections for ${entityRefs.join(
          ', ',
        )}: ${error}`,
      );
    }
  }
}
