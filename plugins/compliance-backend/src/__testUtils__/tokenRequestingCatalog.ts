// Production code must not import this file.
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * A catalog service that, before every call, asks for a token to the catalog on behalf of
 * the credentials it is given, as the real CatalogClient-backed service does. Backstage
 * refuses that for an external token whose access restrictions do not let it reach the
 * catalog, so this catalog answers 403 where production would; `catalogServiceMock`
 * alone never asks for a token and lets such calls through.
 *
 * @internal
 */
export function tokenRequestingCatalogFactory(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  return createServiceFactory({
    service: catalogServiceRef,
    deps: { auth: coreServices.auth },
    factory: ({ auth }): CatalogService =>
      new Proxy(catalog, {
        get(target, property) {
          const member = Reflect.get(target, property);
          if (typeof member !== 'function') return member;
          return async (...args: unknown[]) => {
            // Every CatalogService method takes `{ credentials }` as its last argument.
            const options = args[args.length - 1] as
              | Parameters<CatalogService['getEntityByRef']>[1]
              | undefined;
            if (!options?.credentials) {
              throw new Error(
                `catalog.${String(property)} called without credentials`,
              );
            }
            await auth.getPluginRequestToken({
              onBehalfOf: options.credentials,
              targetPluginId: 'catalog',
            });
            return member.apply(target, args);
          };
        },
      }),
  });
}
