import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_NAMESPACE,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  ENTITY_CHANGED_TOPIC,
  type EntityChangedEventPayload,
} from '@runway/plugin-catalog-backend-module-entity-changes';
import type { CatalogIndex } from '@runway/plugin-compliance-node';
import {
  TECHDOCS_PUBLISHED_TOPIC,
  type TechDocsPublishedEventPayload,
} from '@runway/plugin-techdocs-backend-module-prebuild';
import { walkParentChain } from '../checks/builtin/walkParentChain';
import type { CatalogIndexProvider } from './CatalogIndexProvider';
import type { ComplianceService } from './ComplianceService';
import { descendantGroups } from './groupTree';

/** Beyond this many affected entities, a batch is left to the sweep. */
const DEFAULT_MAX_ENTITIES = 500;
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

type Change = { kind: string; hash: string };

/**
 * Re-evaluates compliance when the catalog announces an entity change
 * (`runway.catalog.entity-changed`, from the catalog module entity-changes):
 *
 * - a changed entity of an evaluated kind is evaluated itself;
 * - a changed Group re-evaluates what it, its ancestors (member counts include sub-teams) and
 *   its descendants (their parent chain runs through it) own;
 * - a changed User re-evaluates what its groups and their ancestors own, and what it owns;
 * - a changed System re-evaluates the entities in it.
 *
 * Changes are batched for `delayMs` after the first one. Old memberships and parents are not
 * known (the event carries the new content only): the sweep catches what they affect.
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
    if (!isEntityChangedPayload(payload)) {
      this.options.logger.debug(
        `Ignoring a malformed ${ENTITY_CHANGED_TOPIC} event`,
      );
      return;
    }
    const ref = payload.entityRef.toLocaleLowerCase('en-US');
    // The catalog clears its processor caches now and then and announces unchanged content.
    if (this.handled.get(ref) === payload.hash || this.stopped) return;
    this.pending.set(ref, {
      kind: payload.kind.toLocaleLowerCase('en-US'),
      hash: payload.hash,
    });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      // One batch at a time; a batch collected meanwhile waits for the one running.
      this.running = this.running.then(() => this.flush());
    }, this.options.delayMs);
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
      await this.evaluate(batch);
      for (const [ref, { hash }] of batch) this.remember(ref, hash);
    } catch (error) {
      // Not remembered: the next announcement of these entities tries again.
      this.options.logger.warn(
        `Compliance evaluation after ${batch.size} catalog change(s) failed`,
        error as Error,
      );
    }
  }

  private async evaluate(batch: Map<string, Change>): Promise<void> {
    const { kinds, compliance, catalogIndex, logger } = this.options;
    const maxEntities = this.options.maxEntities ?? DEFAULT_MAX_ENTITIES;
    const direct = [...batch]
      .filter(([, change]) => kinds.includes(change.kind))
      .map(([ref]) => ref);
    const related = [...batch].filter(([, change]) =>
      ['group', 'user', 'system'].includes(change.kind),
    );

    let index: CatalogIndex | undefined;
    let affected: string[] = [];
    if (related.length) {
      // The index must show the changed groups and users: read it once for the batch.
      index = await catalogIndex.refresh();
      const directSet = new Set(direct);
      affected = [...affectedEntities(index, related, kinds)].filter(
        ref => !directSet.has(ref),
      );
    }

    const total = direct.length + affected.length;
    if (total > maxEntities) {
      logger.info(
        `${batch.size} catalog change(s) affect ${total} entities, more than ${maxEntities}: their compliance is left to the next sweep`,
      );
      return;
    }

    let evaluated = 0;
    for (const ref of direct) {
      try {
        await compliance.evaluate(ref);
        evaluated += 1;
      } catch (error) {
        if (error instanceof NotFoundError) {
          // Removed from the catalog, or not stored yet: the sweep takes it from here.
          logger.debug(`Not evaluating ${ref}: ${error.message}`);
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
  }

  private remember(ref: string, hash: string) {
    this.handled.delete(ref);
    this.handled.set(ref, hash);
    if (this.handled.size > MAX_REMEMBERED) {
      this.handled.delete(this.handled.keys().next().value!);
    }
  }
}

function isEntityChangedPayload(
  value: unknown,
): value is EntityChangedEventPayload {
  const payload = value as Partial<EntityChangedEventPayload> | undefined;
  return (
    typeof payload?.entityRef === 'string' &&
    typeof payload.kind === 'string' &&
    typeof payload.hash === 'string'
  );
}

function namespaceOf(entity: Entity): string {
  return entity.metadata.namespace || DEFAULT_NAMESPACE;
}

/** Groups a user belongs to: `spec.memberOf`, and `memberOf` relations (e.g. from an org provider). */
function groupsOfUser(index: CatalogIndex, user: Entity): string[] {
  const declared = Array.isArray(user.spec?.memberOf)
    ? (user.spec!.memberOf as unknown[])
    : [];
  const refs = declared.map(group =>
    typeof group === 'string'
      ? index.resolveRef(group, {
          defaultKind: 'group',
          defaultNamespace: namespaceOf(user),
        })
      : undefined,
  );
  for (const relation of user.relations ?? []) {
    if (relation.type === RELATION_MEMBER_OF) {
      refs.push(relation.targetRef.toLocaleLowerCase('en-US'));
    }
  }
  return refs.filter((ref): ref is string => !!ref);
}

/**
 * The entities of evaluated kinds whose checks read one of the changed groups, users or
 * systems, as refs in the index.
 */
function affectedEntities(
  index: CatalogIndex,
  changes: Array<[string, Change]>,
  kinds: string[],
): Set<string> {
  const owners = new Set<string>();
  const systems = new Set<string>();
  const addGroupAndAncestors = (groupRef: string) => {
    for (const ref of walkParentChain(index, groupRef).chain) owners.add(ref);
  };
  for (const [ref, { kind }] of changes) {
    if (kind === 'group') {
      addGroupAndAncestors(ref);
      for (const descendant of descendantGroups(index, ref)) {
        owners.add(descendant);
      }
    } else if (kind === 'user') {
      // Entities owned by a person: owner-is-group and owner-exists read the user.
      owners.add(ref);
      const user = index.get(ref);
      for (const group of user ? groupsOfUser(index, user) : []) {
        addGroupAndAncestors(group);
      }
    } else if (kind === 'system') {
      systems.add(ref);
    }
  }

  const affected = new Set<string>();
  for (const entity of index.all()) {
    if (!kinds.includes(entity.kind.toLocaleLowerCase('en-US'))) continue;
    const defaults = { defaultNamespace: namespaceOf(entity) };
    const owner =
      typeof entity.spec?.owner === 'string'
        ? index.resolveRef(entity.spec.owner, {
            ...defaults,
            defaultKind: 'group',
          })
        : undefined;
    const system =
      typeof entity.spec?.system === 'string'
        ? index.resolveRef(entity.spec.system, {
            ...defaults,
            defaultKind: 'system',
          })
        : undefined;
    if ((owner && owners.has(owner)) || (system && systems.has(system))) {
      affected.add(stringifyEntityRef(entity).toLocaleLowerCase('en-US'));
    }
  }
  return affected;
}
