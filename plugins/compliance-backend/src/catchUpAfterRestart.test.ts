import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  type EntityProvider,
  type EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import type { JsonObject } from '@backstage/types';
import catalogModuleEntityChanges from '@runway/plugin-catalog-backend-module-entity-changes';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { compliancePlugin } from './plugin';
import { notificationServiceFactory } from './testing/testBackend';

jest.setTimeout(180_000);

// A crash loses no evaluation: a real catalog ingests changes while compliance does not
// handle them (its change events wait in memory for an hour), the backend stops, and at the
// next start the catch-up evaluates them. The sweep and the deletion reconcile wait an hour
// in every run, so neither can be what does it.

const location = 'url:https://example.com/org.yaml';
const annotations = {
  'backstage.io/managed-by-location': location,
  'backstage.io/managed-by-origin-location': location,
};
const entity = (kind: string, name: string, spec: JsonObject): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec,
});
const team = (name: string, parent?: string) =>
  entity('Group', name, {
    type: 'team',
    children: [],
    ...(parent ? { parent } : {}),
  });
const person = (name: string, ...groups: string[]) =>
  entity('User', name, { memberOf: groups });
const service = (name: string, owner: string, lifecycle = 'production') =>
  entity('Component', name, { type: 'service', lifecycle, owner });

//   platform ── team-a (alice, bob)      team-b (carol, dave)
const before: Entity[] = [
  team('platform'),
  team('team-a', 'platform'),
  team('team-b'),
  person('alice', 'team-a'),
  person('bob', 'team-a'),
  person('carol', 'team-b'),
  person('dave', 'team-b'),
  service('checkout', 'team-a'),
  service('legacy', 'team-a'),
  service('billing', 'team-b'),
  service('platform-tools', 'platform'),
];
// What the catalog ingests while compliance does not handle it: checkout changed, two new
// services, legacy deleted, and carol left team-b, which leaves billing's owner one short.
const after: Entity[] = [
  ...before.filter(
    e => !['checkout', 'legacy', 'carol'].includes(e.metadata.name),
  ),
  person('carol'),
  service('checkout', 'team-a', 'sunset'),
  service('search', 'team-a'),
  service('reports', 'team-b'),
];

/** Hands the catalog the entities a test sets, as an org or file provider would. */
class TestEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  getProviderName() {
    return 'catch-up-test';
  }
  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
  }
  async set(entities: Entity[]) {
    await this.connection!.applyMutation({
      type: 'full',
      entities: entities.map(e => ({
        entity: e,
        locationKey: 'catch-up-test',
      })),
    });
  }
}

/** Compliance's log lines; the other plugins' errors go to the console. */
function loggerFactory(lines: string[]) {
  return createServiceFactory({
    service: coreServices.logger,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => {
      const isCompliance = plugin.getId() === 'compliance';
      const log =
        (level: string) => (message: string, meta?: Error | JsonObject) => {
          if (isCompliance) lines.push(message);
          else if (level === 'error') console.error(message, meta);
        };
      const logger: LoggerService = {
        error: log('error'),
        warn: log('warn'),
        info: log('info'),
        debug: () => {},
        child: () => logger,
      };
      return logger;
    },
  });
}

const alice = mockCredentials.user.header('user:default/alice');
const HOUR = { hours: 1 };

/**
 * One run of the backend on `database`: events are handled after `changeDelay`, the
 * catch-up runs `catchUpDelay` after start.
 */
async function startBackend(options: {
  database: JsonObject;
  changeDelay: JsonObject;
  catchUpDelay: JsonObject;
}) {
  const logs: string[] = [];
  const provider = new TestEntityProvider();
  // One events service for every plugin, as in a real backend (the mock makes one per plugin).
  const events = mockServices.events();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleEntityChanges,
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'catch-up-test-provider',
        register(reg) {
          reg.registerInit({
            deps: { catalog: catalogProcessingExtensionPoint },
            async init({ catalog }) {
              catalog.addEntityProvider(provider);
            },
          });
        },
      }),
      compliancePlugin,
      notificationServiceFactory(),
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
      }),
      // The real database and scheduler: what they store survives the restart.
      databaseServiceFactory,
      schedulerServiceFactory,
      loggerFactory(logs),
      mockServices.rootConfig.factory({
        data: {
          backend: { database: options.database },
          catalog: { processingInterval: { seconds: 1 } },
          compliance: {
            schedule: { frequency: HOUR, timeout: HOUR, initialDelay: HOUR },
            evaluateOnChange: {
              delay: options.changeDelay,
              catchUpDelay: options.catchUpDelay,
              reconcile: { frequency: HOUR, timeout: HOUR, initialDelay: HOUR },
            },
          },
        },
      }),
    ],
  });

  const get = async (url: string) => {
    const res = await request(backend.server)
      .get(url)
      .set('Authorization', alice);
    return res;
  };
  const catalogEntities = async () => {
    const res = await get('/api/catalog/entities');
    expect(res.status).toBe(200);
    return res.body as Entity[];
  };
  return {
    backend,
    provider,
    logs,
    /** The catalog once it holds `expected` (by name) and its etags stopped changing. */
    async settledCatalog(expected: Entity[]) {
      const names = expected.map(e => e.metadata.name).sort();
      const etags = async () => {
        const entities = await catalogEntities();
        return entities
          .map(e => `${e.metadata.name} ${e.metadata.etag}`)
          .sort()
          .join('\n');
      };
      let last = '';
      await eventually(async () => {
        const entities = await catalogEntities();
        const sameNames =
          JSON.stringify(entities.map(e => e.metadata.name).sort()) ===
          JSON.stringify(names);
        const sameContent = expected.every(e =>
          entities.some(
            found =>
              found.metadata.name === e.metadata.name &&
              JSON.stringify(found.spec) === JSON.stringify(e.spec),
          ),
        );
        if (!sameNames || !sameContent) return false;
        // Relations stitch after the entities: wait for two equal reads in a row.
        const now = await etags();
        const settled = now === last;
        last = now;
        return settled;
      }, 1_500);
    },
    async compliance(name: string) {
      const res = await get(
        `/api/compliance/entities/component/default/${name}`,
      );
      expect(res.status).toBe(200);
      return res.body as {
        evaluatedAt?: string;
        results: Array<{ checkId: string; status: string }>;
      };
    },
    async status(name: string, checkId: string) {
      const { results } = await this.compliance(name);
      return results.find(r => r.checkId === checkId)?.status;
    },
    async storedEntities() {
      const res = await get('/api/compliance/rollup');
      expect(res.status).toBe(200);
      return res.body.entityCount as number;
    },
    catchUpLog: () =>
      logs.find(line => line.startsWith('Compliance catch-up at start:')),
  };
}

async function eventually(condition: () => Promise<boolean>, pauseMs = 200) {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise(resolve => setTimeout(resolve, pauseMs));
  }
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

/** A SQLite file per plugin in a temporary folder, or a PostgreSQL database with a schema per plugin. */
async function survivingDatabase(kind: string): Promise<{
  config: JsonObject;
  cleanUp: () => void;
}> {
  if (kind === 'SQLITE_FILE') {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'catch-up-'));
    return {
      config: { client: 'better-sqlite3', connection: { directory } },
      cleanUp: () => fs.rmSync(directory, { recursive: true, force: true }),
    };
  }
  const knex = await databases.init('POSTGRES_15');
  const connection = knex.client.config.connection as JsonObject;
  return {
    config: { client: 'pg', connection, pluginDivisionMode: 'schema' },
    cleanUp: () => {},
  };
}

describe.each([
  'SQLITE_FILE',
  ...databases.eachSupportedId().map(([id]) => id),
])('the catch-up at start, on %s', kind => {
  it('evaluates what the catalog ingested while compliance did not handle it, after a restart', async () => {
    const { config: database, cleanUp } = await survivingDatabase(kind);
    const unhandled = { database, changeDelay: HOUR, catchUpDelay: HOUR };
    const catchingUp = { ...unhandled, catchUpDelay: { seconds: 1 } };
    try {
      // 1. The catalog ingests the organisation; compliance handles nothing of it.
      let run = await startBackend(unhandled);
      await run.provider.set(before);
      await run.settledCatalog(before);
      expect((await run.compliance('checkout')).evaluatedAt).toBeUndefined();
      await run.backend.stop();

      // 2. A start catches up on all of it.
      run = await startBackend(catchingUp);
      await eventually(async () => !!run.catchUpLog());
      expect(run.catchUpLog()).toMatch(
        /^Compliance catch-up at start: 0 changed, 4 new, 0 removed;/,
      );
      expect(await run.storedEntities()).toBe(4);
      expect(await run.status('billing', 'ownership.owner-has-members')).toBe(
        'pass',
      );
      expect(await run.status('checkout', 'metadata.lifecycle-valid')).toBe(
        'pass',
      );
      await run.backend.stop();

      // 3. The catalog ingests changes; the backend stops before it evaluated them.
      run = await startBackend(unhandled);
      await run.provider.set(after);
      await run.settledCatalog(after);
      expect((await run.compliance('search')).evaluatedAt).toBeUndefined();
      expect(await run.status('checkout', 'metadata.lifecycle-valid')).toBe(
        'pass',
      );
      expect(await run.storedEntities()).toBe(4);
      await run.backend.stop();

      // 4. Restart, and count: everything new or changed is evaluated, by the catch-up.
      run = await startBackend(catchingUp);
      await eventually(async () => !!run.catchUpLog());
      expect(run.catchUpLog()).toMatch(
        /^Compliance catch-up at start: 1 changed, 2 new, 1 removed;/,
      );
      expect((await run.compliance('search')).evaluatedAt).toBeDefined();
      expect((await run.compliance('reports')).evaluatedAt).toBeDefined();
      expect(await run.status('checkout', 'metadata.lifecycle-valid')).toBe(
        'fail',
      );
      // billing did not change, its owner did: found by the group's etag.
      expect(await run.status('billing', 'ownership.owner-has-members')).toBe(
        'fail',
      );
      // checkout, billing, platform-tools, search, reports: legacy left.
      expect(await run.storedEntities()).toBe(5);
      await run.backend.stop();
    } finally {
      cleanUp();
    }
  });
});
