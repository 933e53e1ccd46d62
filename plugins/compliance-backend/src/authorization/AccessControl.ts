import type {
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

/**
 * What a caller may do and see, asked of the permission framework and the catalog with the
 * caller's own credentials. The Authorized* services use it for every call.
 *
 * @internal
 */
export class AccessControl {
  private readonly visible: (
    credentials: BackstageCredentials,
  ) => Promise<VisibleEntities>;

  constructor(
    private readonly options: {
      permissions: PermissionsService;
      catalog: CatalogService;
    },
  ) {
    this.visible = createVisibleEntities(options);
  }

  /** The entities the caller may read in the catalog (`catalog.entity.read`). */
  visibleEntities(credentials: BackstageCredentials): Promise<VisibleEntities> {
    return this.visible(credentials);
  }

  /**
   * The full ref of an entity the caller may read. What does not exist and what the caller
   * may not see answer alike, a 404 that names the field but not the value, so that nobody
   * learns of an entity by asking.
   */
  async requireVisibleEntity(
    credentials: BackstageCredentials,
    ref: string,
    at: RefField,
  ): Promise<string> {
    const entityRef = parseRequestRef(ref, at);
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `${at.field}: no such entity in the catalog, or it is not visible to you`,
      );
    }
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
