import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { demoCatalogConfig } from './testing/demoCatalogConfig';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

jest.setTimeout(180_000);

const DEMO_LOCATION = resolve(__dirname, '../../../examples/all.yaml');
const RUNWAY_LOCATION = resolve(__dirname, '../../../catalog-info.yaml');

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** Waits until processing has settled: at least `minimum` entities, unchanged for 3 polls. */
async function waitForEntities(
  server: any,
  minimum: number,
): Promise<Entity[]> {
  let previousCount = -1;
  let stablePolls = 0;
  for (;;) {
    const res = await request(server)
      .get('/api/catalog/entities')
      .set('Authorization', mockCredentials.user.header());
    const count = res.status === 200 ? res.body.length : -1;
    stablePolls = count === previousCount ? stablePolls + 1 : 0;
    previousCount = count;
    if (count >= minimum && stablePolls >= 3) {
      return res.body;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

describe('the demo catalog', () => {
  it('runs on PostgreSQL in CI, not only on SQLite', () => {
    // The test command starts PostgreSQL and hands it to TestDatabases; without it the
    // PostgreSQL half of every store test would silently be skipped.
    const required = process.env.CI
      ? ['POSTGRES_15', 'SQLITE_3']
      : ['SQLITE_3'];
    expect(
      required.filter(id => !databases.supports(id as 'SQLITE_3')),
    ).toEqual([]);
  });

  it.each(databases.eachSupportedId())(
    'loads every demo entity without errors on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: demoCatalogConfig([DEMO_LOCATION, RUNWAY_LOCATION]),
            },
          }),
        ],
      });

      try {
        const entities = await waitForEntities(backend.server, 100);
        const count = (kind: string) =>
          entities.filter(e => e.kind === kind).length;
        expect(count('Component')).toBeGreaterThanOrEqual(25);
        expect(count('User')).toBeGreaterThanOrEqual(20);
        expect(count('Group')).toBeGreaterThanOrEqual(10);
        expect(count('System')).toBeGreaterThanOrEqual(5);
        expect(count('Domain')).toBeGreaterThanOrEqual(3);
        expect(count('API')).toBeGreaterThan(0);
        expect(count('Resource')).toBeGreaterThan(0);

        // An entity whose processing fails (a bad placeholder, say) is simply absent.
        const declared = parseAllDocuments(
          readFileSync(RUNWAY_LOCATION, 'utf8'),
        ).map(doc => doc.toJS().metadata.name as string);
        const loaded = new Set(entities.map(e => e.metadata.name));
        expect(declared.filter(name => !loaded.has(name))).toEqual([]);

        const withErrors = entities.filter(e =>
          (e as any).status?.items?.some((i: any) => i.level === 'error'),
        );
        expect(withErrors.map(e => e.metadata.name)).toEqual([]);

        const paymentsApi = entities.find(
          e => e.metadata.name === 'payments-api',
        );
        expect(paymentsApi?.relations).toEqual(
          expect.arrayContaining([
            {
              type: 'ownedBy',
              targetRef: 'group:default/team-payments',
            },
          ]),
        );
      } finally {
        await backend.stop();
      }
    },
  );
});
