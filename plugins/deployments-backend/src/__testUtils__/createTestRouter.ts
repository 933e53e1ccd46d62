// A test harness: the plugin's real router and services on a real database, with Backstage's
// mock core services around them. Production code must not import this file.
import {
  mockErrorHandler,
  mockServices,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import { createDeploymentsServices } from '../service/createDeploymentsServices';
import { createRouter } from '../service/router';

/** @internal */
export type TestRouterOptions = {
  databases: TestDatabases;
  databaseId?: Parameters<TestDatabases['init']>[0];
  entities?: Entity[];
  catalog?: CatalogService;
  config?: JsonObject;
  permissions?: PermissionsService;
  now?: () => Date;
};

/**
 * The deployments router as the plugin mounts it, with an error handler like the
 * backend's, as an express app for supertest; and the services behind it.
 *
 * @internal
 */
export async function createTestRouter(options: TestRouterOptions) {
  const knex = await options.databases.init(options.databaseId ?? 'SQLITE_3');
  const auditor = mockServices.auditor.mock();
  const services = await createDeploymentsServices({
    config: mockServices.rootConfig({
      data: { deployments: { ...options.config } },
    }),
    logger: mockServices.logger.mock(),
    database: mockServices.database({ knex }),
    auditor,
    auth: mockServices.auth(),
    permissions: options.permissions ?? mockServices.permissions(),
    permissionsRegistry: mockServices.permissionsRegistry.mock(),
    catalog:
      options.catalog ??
      catalogServiceMock({ entities: options.entities ?? [] }),
    engines: [],
    now: options.now,
  });
  const router = await createRouter({
    ...services.authorized,
    httpAuth: mockServices.httpAuth(),
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, services, auditor, knex };
}
