// A test harness: the plugin's real router and services on a real database, with Backstage's
// mock core services around them. Production code must not import this file.
import {
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type {
  PermissionsService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import express from 'express';
import { createComplianceServices } from '../service/createComplianceServices';
import { createRouter } from '../service/router';

/** @internal */
export type TestRouterOptions = {
  databases: TestDatabases;
  databaseId?: Parameters<TestDatabases['init']>[0];
  entities: Entity[];
  config?: JsonObject;
  permissions?: PermissionsService;
  urlReader?: UrlReaderService;
};

/**
 * The compliance router as the plugin mounts it, with an error handler like the backend's,
 * as an express app for supertest; and the services behind it, to arrange state.
 *
 * @internal
 */
export async function createTestRouter(options: TestRouterOptions) {
  const knex = await options.databases.init(options.databaseId ?? 'SQLITE_3');
  const notifications: NotificationSendOptions[] = [];
  const auditor = mockServices.auditor.mock();
  const services = await createComplianceServices({
    config: mockServices.rootConfig({
      data: {
        compliance: {
          catalogIndexMaxAge: { milliseconds: 0 },
          ...options.config,
        },
      },
    }),
    logger: mockServices.logger.mock(),
    database: mockServices.database({ knex }),
    auth: mockServices.auth(),
    auditor,
    discovery: mockServices.discovery(),
    permissions: options.permissions ?? mockServices.permissions(),
    permissionsRegistry: mockServices.permissionsRegistry.mock(),
    urlReader: options.urlReader ?? mockServices.urlReader.mock(),
    catalog: catalogServiceMock({ entities: options.entities }),
    notifications: {
      send: async notification => void notifications.push(notification),
    },
    codeChecks: [],
  });
  const router = await createRouter({
    ...services.authorized,
    httpAuth: mockServices.httpAuth(),
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, services, auditor, notifications, knex };
}
