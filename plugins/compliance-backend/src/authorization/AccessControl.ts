import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createVisibleEntities,
  isVisible,
  type VisibleEntities,
} from '../service/visibleEntities';

/** The kind an entity ref parameter means when it leaves the kind out. @internal */
export type RefField = {
  /** The parameter or body field, named in the error when the ref is bad or not found. */
  field: string;
  defaultKind: string;
};

/**
 * Parses an entity ref from a request, filling in the kind and namespace it leaves out; a
 * ref that does not parse is a 400 naming the field.
 *
 * @internal
 */
export function parseRequestRef(ref: string, at: RefField): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: at.defaultKind,
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(`${at.field}: ${(error as Error).message}`);
  }
}

function isService(credentials: BackstageCredentials): boolean {
  return (credentials.principal as { type: string }).type === 'service';
}

function entityNotFound(field: string): NotFoundError {
  return new NotFoundError(
    `${field}: no such entity in the catalog, or it is not visible to you`,
  );
}

/**
 * What a caller may do and see, asked of the permission framework with the caller's own
 * credentials. The Authorized* services use it for every call.
 *
 * The catalog is asked with a user's own credentials, so that it applies its read policy
 * to them. A service principal (CI with a static token from backend.auth.externalAccess,
 * another plugin) is different: Backstage refuses to pass a token restricted to this
 * plugin on to the catalog (the catalog client would fail with 403), and the permission
 * framework decides for services by their token's access restrictions alone. So for a
 * service the catalog is asked with this plugin's own credentials, and what it may read is
 * what the permission framework allows it (`catalog.entity.read`, asked with its own
 * credentials).
 *
 * @internal
 */
export class AccessControl {
  private readonly visible: (
    credentials: BackstageCredentials,
    catalogCredentials: BackstageCredentials,
  ) => Promise<VisibleEntities>;

  constructor(
    private readonly options: {
      permissions: PermissionsService;
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {
    this.visible = createVisibleEntities(options);
  }

  /** The credentials to read the catalog with on behalf of the caller. */
  private async catalogCredentials(
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
    return this.visible(
      credentials,
      await this.catalogCredentials(credentials),
    );
  }

  /**
   * The full ref of an entity the caller may read, for a read about it. What does not
   * exist and what the caller may not see answer alike, a 404 that names the field but not
   * the value, so that nobody learns of an entity by asking.
   */
  async requireVisibleEntity(
    credentials: BackstageCredentials,
    ref: string,
    at: RefField,
  ): Promise<string> {
    const entityRef = await this.requireEntity(credentials, ref, at);
    // The catalog has filtered for a user; a service's reads are its permissions' to decide.
    if (
      isService(credentials) &&
      !isVisible(await this.visibleEntities(credentials), entityRef)
    ) {
      throw entityNotFound(at.field);
    }
    return entityRef;
  }

  /**
   * The full ref of an entity a write is about: one the caller may read if they are a
   * person; for a service, one that exists (the write's own permission decides the rest).
   * A 404 like {@link AccessControl.requireVisibleEntity}'s otherwise.
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
    return stringifyEntityRef(entity);
  }

  /**
   * Throws `NotAllowedError` (403) unless the policy allows the permission; a resource
   * permission is decided for the given catalog entity.
   */
  async authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission<'catalog-entity'>,
    resourceRef?: string,
  ): Promise<void> {
    let request: AuthorizePermissionRequest;
    if (permission.type === 'resource') {
      if (resourceRef === undefined) {
        // Asked without its resource, a resource permission would be decided for none.
        throw new Error(`${permission.name} needs the entity it is about`);
      }
      request = { permission, resourceRef };
    } else {
      request = { permission };
    }
    const [decision] = await this.options.permissions.authorize([request], {
      credentials,
    });
    if (decision?.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
  }
}
