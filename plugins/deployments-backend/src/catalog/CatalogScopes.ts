import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { storedRef } from '../authorization/entityRefs';

const PAGE_SIZE = 1000;
/** Owner refs per catalog query, to keep its URL short when it goes over HTTP. */
const FILTER_CHUNK = 50;
const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => storedRef(relation.targetRef));
}

/**
 * The entities a DORA scope covers, read from the catalog with the credentials
 * AccessControl.catalogCredentials gives for the caller (a user's own, so that the
 * catalog leaves out what they may not read): everything a group and the groups below it
 * own, and the parts of a system.
 *
 * Relations are the catalog's own (`ownedBy`, `partOf`, `childOf`/`parentOf`), which it
 * derives from `spec.owner`, `spec.system`, `spec.parent` and `spec.children`, refs
 * resolved.
 *
 * @internal
 */
export class CatalogScopes {
  constructor(private readonly catalog: CatalogService) {}

  /** The group and every group below it, guarded against cycles in the hierarchy. */
  async groupAndDescendants(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const children = new Map<string, Set<string>>();
    const link = (parent: string, child: string) => {
      const set = children.get(parent) ?? new Set<string>();
      set.add(child);
      children.set(parent, set);
    };
    for (const group of await this.queryAll(
      { kind: 'group' },
      [...REF_FIELDS, 'relations'],
      credentials,
    )) {
      const ref = storedRef(group);
      for (const parent of relationTargets(group, 'childOf')) link(parent, ref);
      for (const child of relationTargets(group, 'parentOf')) link(ref, child);
    }
    const seen = new Set([groupRef]);
    const queue = [groupRef];
    while (queue.length) {
      for (const child of children.get(queue.shift()!) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
    return seen;
  }

  /** The entities owned by any of `ownerRefs` (stored refs). */
  async ownedBy(
    ownerRefs: Iterable<string>,
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const owners = [...ownerRefs];
    const owned = new Set<string>();
    for (let i = 0; i < owners.length; i += FILTER_CHUNK) {
      const entities = await this.queryAll(
        { 'relations.ownedBy': owners.slice(i, i + FILTER_CHUNK) },
        REF_FIELDS,
        credentials,
      );
      for (const entity of entities) owned.add(storedRef(entity));
    }
    return owned;
  }

  /** The entities that are part of the system (components, APIs, resources). */
  async partsOf(
    systemRef: string,
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const parts = await this.queryAll(
      { 'relations.partOf': systemRef },
      REF_FIELDS,
      credentials,
    );
    return new Set(parts.map(storedRef));
  }

  private async queryAll(
    filter: Record<string, string | string[]>,
    fields: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE, fields }
          : { filter, limit: PAGE_SIZE, fields, totalItems: 'exclude' },
        { credentials },
      );
      entities.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return entities;
  }
}
