// Production code must not import this file.
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type QueryPermissionResponse,
} from '@backstage/plugin-permission-common';

function userRef(credentials: BackstageCredentials): string | undefined {
  return (credentials.principal as { userEntityRef?: string }).userEntityRef;
}

/**
 * A catalog that applies a read policy, as the real catalog does with the caller's
 * credentials: the users in `limited` see only their entities, everyone else (and the
 * plugin itself) everything.
 *
 * @internal
 */
export function policedCatalog(
  everything: Entity[],
  limited: Record<string, Entity[]>,
): CatalogService {
  const full = catalogServiceMock({ entities: everything });
  const views = new Map(
    Object.entries(limited).map(([ref, entities]) => [
      ref,
      catalogServiceMock({ entities }),
    ]),
  );
  return new Proxy(full, {
    get(target, method: string) {
      const original = (target as any)[method];
      if (typeof original !== 'function') return original;
      return (...args: any[]) => {
        const options = args[args.length - 1] as {
          credentials: BackstageCredentials;
        };
        const ref = userRef(options.credentials);
        const view = (ref && views.get(ref)) || target;
        return (view as any)[method](...args);
      };
    },
  }) as CatalogService;
}

/**
 * Permissions to go with {@link policedCatalog}: catalog read is CONDITIONAL for the users
 * in `limited` and ALLOW for others; every write is allowed unless `deny` says otherwise
 * for the permission and entity.
 *
 * @internal
 */
export function testPermissions(options: {
  limited?: string[];
  deny?: (permission: string, resourceRef?: string, user?: string) => boolean;
}) {
  const conditional = (
    credentials: BackstageCredentials,
  ): QueryPermissionResponse =>
    options.limited?.includes(userRef(credentials) ?? '')
      ? {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: [userRef(credentials)!] },
          },
        }
      : { result: AuthorizeResult.ALLOW };
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(request => ({
        result: options.deny?.(
          request.permission.name,
          'resourceRef' in request
            ? (request.resourceRef as string)
            : undefined,
          userRef(credentials),
        )
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(() => conditional(credentials)),
  });
}
