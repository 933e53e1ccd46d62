import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
} from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  ENTITY_CHANGED_TOPIC,
  type EntityChangedEventPayload,
  type EntitySpecReference,
} from '@runway/events-node';
import { entityContentHash } from './entityContentHash';
import { entitySpecReferences } from './entitySpecReferences';

const HASH_KEY = 'hash';
const REFERENCES_KEY = 'references';

/**
 * Publishes {@link ENTITY_CHANGED_TOPIC} when an entity's content differs from what this
 * processor saw the last time it processed that entity (its processor cache), including the
 * first time. The cache also keeps the spec's references, so that the event can say what
 * they were before the change.
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
      const previousReferences = readReferences(
        await cache.get(REFERENCES_KEY),
      );
      if ((await cache.get<string>(HASH_KEY)) === hash) {
        // A cache written before references were kept: add them without announcing.
        if (!previousReferences) {
          await remember(cache, hash, entitySpecReferences(entity));
        }
        return entity;
      }
      const references = entitySpecReferences(entity);
      const eventPayload: EntityChangedEventPayload = {
        entityRef: stringifyEntityRef(entity),
        kind: entity.kind,
        hash,
        references,
        ...(previousReferences ? { previousReferences } : {}),
      };
      await this.options.events.publish({
        topic: ENTITY_CHANGED_TOPIC,
        eventPayload,
      });
      // Only once published: otherwise the next processing of the entity tries again.
      await remember(cache, hash, references);
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

/**
 * Writes both keys every time: the catalog keeps a processor's cache from the last run only
 * if the run sets nothing, and otherwise keeps just the keys the run set.
 */
async function remember(
  cache: CatalogProcessorCache,
  hash: string,
  references: EntitySpecReference[],
) {
  await cache.set(HASH_KEY, hash);
  await cache.set(REFERENCES_KEY, references);
}

/** The cached references, or undefined if there are none or they are not a list of them. */
function readReferences(value: unknown): EntitySpecReference[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const valid = value.every(
    item =>
      typeof item?.type === 'string' && typeof item?.targetRef === 'string',
  );
  return valid ? (value as EntitySpecReference[]) : undefined;
}

function safeRef(entity: Entity): string {
  try {
    return stringifyEntityRef(entity);
  } catch {
    return String(entity?.metadata?.name);
  }
}
