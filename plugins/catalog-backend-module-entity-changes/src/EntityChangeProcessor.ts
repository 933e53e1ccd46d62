import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
} from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import { entityContentHash } from './entityContentHash';
import { ENTITY_CHANGED_TOPIC, type EntityChangedEventPayload } from './topic';

const HASH_KEY = 'hash';

/**
 * Publishes {@link ENTITY_CHANGED_TOPIC} when an entity's content differs from what this
 * processor saw the last time it processed that entity (its processor cache), including the
 * first time.
 *
 * @internal
 */
export class EntityChangeProcessor implements CatalogProcessor {
  constructor(
    private readonly options: { events: EventsService; logger: LoggerService },
  ) {}

  getProcessorName(): string {
    return 'RunwayEntityChangeProcessor';
  }

  // Last among the post-processors, so that the hash covers what the others added.
  getPriority(): number {
    return 1000;
  }

  async postProcessEntity(
    entity: Entity,
    _location: unknown,
    _emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    try {
      const hash = entityContentHash(entity);
      if ((await cache.get<string>(HASH_KEY)) === hash) {
        return entity;
      }
      const eventPayload: EntityChangedEventPayload = {
        entityRef: stringifyEntityRef(entity),
        kind: entity.kind,
        hash,
      };
      await this.options.events.publish({
        topic: ENTITY_CHANGED_TOPIC,
        eventPayload,
      });
      // Only once published: otherwise the next processing of the entity tries again.
      await cache.set(HASH_KEY, hash);
    } catch (error) {
      // Announcing a change is a courtesy to other plugins; it must never fail processing.
      this.options.logger.warn(
        `Could not publish ${ENTITY_CHANGED_TOPIC} for ${safeRef(entity)}`,
        error as Error,
      );
    }
    return entity;
  }
}

function safeRef(entity: Entity): string {
  try {
    return stringifyEntityRef(entity);
  } catch {
    return String(entity?.metadata?.name);
  }
}
