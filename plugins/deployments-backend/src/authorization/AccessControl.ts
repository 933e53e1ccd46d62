import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import { storedRef, tryParseRequestRef } from './entityRefs';
import {
  isVisible,
  visibleEntities,
  type VisibleEntities,
} from './visibleEntities';

/** Where an entity ref comes from in a request, and the kind it means when it leaves it out. @internal */
export type RefField = { field: string; defaultKind: string };

/** A 404 that names the field but not the value, alike for missing and hidden entities. @internal */
export function entityNotFound(field: string): NotFoundError {
  return new NotFoundError(
    `${field}: no such entity in the catalog, or it is not visible to you`,
  );
}

/**
 * A ref from a request in stored form; a ref that does not parse is a 400 naming the
 * field.
 *
 * @internal
 */
export function parseRequestRef(ref: string, at: RefField): string {
  const parsed = tryParseRequestRef(ref, at.defaultKind);
  if ('error' in parsed) throw new InputError(`${at.field}: ${parsed.error}`);
  return parsed.ref;
}

const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

function isService(credentials: BackstageCredentials): boolean {
  return (credentials.principal as { type: string }).type === 'service';
}

/**
 * What a caller may do and see, asked of the permission framework and the catalog. The
 * Authorized* services use it for every call.
 *
 * The catalog is asked with a user's own credentials, so that it applies the read policy
 * to them. A service principal (CI with a static token, another plugin) is decided by its
 * token's access restrictions instead, and Backstage does not let a restricted token be
 * passed on to the catalog; so the catalog is asked with this plugin's own credentials
 * for services, and what a service may read is what the permission framework allows it
 * (`catalog.entity.read`, by its restrictions).
 *
 * @internal
 */
export class AccessControl {
  constructor(
    private readonly options: {
      permissions: PermissionsService;
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {}

  /** The credentials to ask the catalog with on behalf of the caller. */
  async catalogCredentials(
    credentials: BackstageCredentials,
  ): Promise<BackstageCredentials> {
    return isService(credentials)
      ? this.options.auth.getOwnServiceCredentials()
      : credentials;
  }

  /** The entities the caller may read in the catalog (`catalog.entity.read`). */
  async visibleEntities(
    credentials: BackstageCredentials,
  ): Promise<VisibleEntities> {
    return visibleEntities(this.options, credentials, {
      catalogCredentials: await this.catalogCredentials(credentials),
    });
  }

  /**
   * The stored ref of an entity the caller may read, for a read about it. What does not
   * exist and what the caller may not see answer alike, a 404 that names the field but not
   * the value, so that nobody learns of an entity by asking.
   */
  async requireVisibleEntity(
    credentials: BackstageCredentials,
    ref: string,
    at: RefField,
  ): Promise<string> {
    const entityRef = await this.requireEntity(credentials, ref, at);
    if (
      isService(credentials) &&
      !isVisible(await this.visibleEntities(credentials), entityRef)
    ) {
      throw entityNotFound(at.field);
    }
    return entityRef;
  }

  /**
   * The stored ref of an entity a write is about: one the caller may read if they are a
   * person; for a service, one that exists (its write permission decides the rest). A
   * 404 like {@link AccessControl.requireVisibleEntity}'s otherwise.
   */
  async requireEntity(
    credentials: BackstageCredentials,
    ref: string,
    at: RefField,
  ): Promise<string> {
    const entityRef = parseRequestRef(ref, at);
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: await this.catalogCredentials(credentials),
    });
    if (!entity) throw entityNotFound(at.field);
    return storedRef(entity);
  }

  /**
   * The stored refs, of `refs` (stored form), that name an entity a write may be about
   * (as {@link AccessControl.requireEntity}), in one catalog call however many there are.
   */
  async existingEntities(
    credentials: BackstageCredentials,
    refs: string[],
  ): Promise<Set<string>> {
    if (refs.length === 0) return new Set();
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: REF_FIELDS },
      { credentials: await this.catalogCredentials(credentials) },
    );
    return new Set(
      items.flatMap(entity => (entity ? [storedRef(entity)] : [])),
    );
  }

  /** Throws `NotAllowedError` (403) unless the policy allows the permission on the entity. */
  async authorize(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ): Promise<void> {
    const denied = await this.deniedEntities(credentials, permission, [
      entityRef,
    ]);
    if (denied.length) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
  }

  /** The entities, of `entityRefs`, on which the policy does not allow the permission. */
  async deniedEntities(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRefs: string[],
  ): Promise<string[]> {
    if (entityRefs.length === 0) return [];
    const decisions = await this.options.permissions.authorize(
      entityRefs.map(resourceRef => ({ permission, resourceRef })),
      { credentials },
    );
    return entityRefs.filter(
      (_, i) => decisions[i]?.result !== AuthorizeResult.ALLOW,
    );
  }
}
