import type { AuthService } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { OwnerStatus, OwnerStatusResolver } from './OwnerStatusResolver';

/** The full ref of the entity's owner, from the catalog's relation or else `spec.owner`. */
export function ownerRefOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * Owner status read from the catalog: the owner exists when the catalog has the entity it
 * names, and is an active team when that is a Group with at least one member.
 */
export class CatalogOwnerStatusResolver implements OwnerStatusResolver {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;

  constructor(options: { catalog: CatalogService; auth: AuthService }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
  }

  async resolve(entities: Entity[]): Promise<Map<string, OwnerStatus>> {
    const ownerRefs = [
      ...new Set(
        entities
          .map(ownerRefOf)
          .filter((ref): ref is string => ref !== undefined),
      ),
    ];
    const owners = new Map<string, Entity>();
    if (ownerRefs.length) {
      const { items } = await this.#catalog.getEntitiesByRefs(
        {
          entityRefs: ownerRefs,
          fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
        },
        { credentials: await this.#auth.getOwnServiceCredentials() },
      );
      items.forEach((owner, index) => {
        if (owner) owners.set(ownerRefs[index], owner);
      });
    }
    const statuses = new Map<string, OwnerStatus>();
    for (const entity of entities) {
      const ownerRef = ownerRefOf(entity);
      const owner = ownerRef ? owners.get(ownerRef) : undefined;
      statuses.set(stringifyEntityRef(entity), {
        ownerExists: owner !== undefined,
        ownerIsActiveTeam:
          owner?.kind.toLocaleLowerCase('en-US') === 'group' &&
          (owner.relations ?? []).some(r => r.type === RELATION_HAS_MEMBER),
        source: 'catalog',
      });
    }
    return statuses;
  }
}
