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
 * The catalog mock behind what the real catalog client does first on every call: it asks
 * for a token to the catalog on behalf of the caller's credentials. Backstage refuses that
 * for an external token whose access restrictions do not cover the catalog, so this
 * catalog fails where the real one would; `catalogServiceMock` alone never does.
 *
 * @internal
 */
export function delegatingCatalogFactory(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  return createServiceFactory({
    service: catalogServiceRef,
    deps: { auth: coreServices.auth },
    factory: ({ auth }) =>
      new Proxy(catalog, {
        get(target, method: string) {
          const original = (target as any)[method];
          if (typeof original !== 'function') return original;
          return async (...args: any[]) => {
            const options = args[args.length - 1];
            await auth.getPluginRequestToken({
              onBehalfOf: options.credentials,
              targetPluginId: 'catalog',
            });
            return original.apply(target, args);
          };
        },
      }) as CatalogService,
  });
}
