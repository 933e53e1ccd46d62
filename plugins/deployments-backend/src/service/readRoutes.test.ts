import { TestDatabases } from '@backstage/backend-test-utils';
import type { Express } from 'express';
import request from 'supertest';
import { createTestRouter } from '../__testUtils__/createTestRouter';
import {
  ALICE,
  assertStatus,
  CAROL,
  CAROL_REF,
  deployment,
  ORGANISATION,
  VISIBLE_TO_CAROL,
} from '../__testUtils__/fixtures';
import {
  policedCatalog,
  testPermissions,
} from '../__testUtils__/policedCatalog';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** Two production deployments a day for ten days per component, in November 2026. */
const HISTORY = ['shop', 'cart', 'billing', 'vault'].flatMap(name =>
  Array.from({ length: 20 }, (_, i) =>
    deployment(
      `${name}:${i}`,
      name,
      new Date(
        Date.parse('2026-11-01T06:00:00Z') + i * 12 * 3_600_000,
      ).toISOString(),
      // Every fifth one of billing fails.
      { status: name === 'billing' && i % 5 === 4 ? 'failed' : 'succeeded' },
    ),
  ),
);
const WINDOW = 'from=2026-11-01T00:00:00Z&to=2026-11-11T00:00:00Z';

describe('the read routes', () => {
  let app: Express;
  const get = (url: string, as = ALICE) =>
    request(app).get(url).set('Authorization', as);

  beforeAll(async () => {
    ({ app } = await createTestRouter({
      databases,
      catalog: policedCatalog(ORGANISATION, { [CAROL_REF]: VISIBLE_TO_CAROL }),
      permissions: testPermissions({ limited: [CAROL_REF] }),
    }));
    const res = await request(app)
      .post('/history/import')
      .set('Authorization', ALICE)
      .send({
        deployments: [
          ...HISTORY,
          deployment(
            '=HYPERLINK("http://evil")',
            'shop',
            '2026-11-05T00:00:00Z',
            {
              stage: 'staging',
            },
          ),
        ],
      });
    assertStatus(res, 200);
  });

  describe('GET /runs', () => {
    it('pages through every run, newest first, with the cursor', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await get(
          `/runs?limit=30${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        seen.push(
          ...res.body.items.map(
            (run: { externalId: string }) => run.externalId,
          ),
        );
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(81);
      expect(new Set(seen).size).toBe(81);
      expect(seen[0]).toMatch(/:19$/);
    });

    it('filters by entity, stage and status', async () => {
      const res = await get(
        '/runs?entityRef=billing&status=failed&stage=production',
      );
      expect(
        res.body.items.map((r: { externalId: string }) => r.externalId),
      ).toEqual(['billing:19', 'billing:14', 'billing:9', 'billing:4']);
      expect(res.body.nextCursor).toBeUndefined();
      const staging = await get('/runs?stage=staging');
      expect(staging.body.items).toHaveLength(1);
    });

    it('refuses a cursor it did not give out', async () => {
      const res = await get('/runs?cursor=bm90LWEtY3Vyc29y');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'cursor: not a cursor this API gave out',
      );
    });

    it('shows a caller only the runs of entities they may read', async () => {
      const res = await get('/runs?limit=200', CAROL);
      const entities = new Set(
        res.body.items.map((r: { entityRef: string }) => r.entityRef),
      );
      expect([...entities]).toEqual(['component:default/billing']);
      const hidden = await get(
        '/runs?entityRef=component:default/vault',
        CAROL,
      );
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(
        'entityRef: no such entity in the catalog, or it is not visible to you',
      );
    });
  });

  describe('GET /runs/{id}', () => {
    it('answers a run, and a hidden one like one that does not exist', async () => {
      const list = await get('/runs?entityRef=vault&limit=1');
      const id = list.body.items[0].id;
      const run = await get(`/runs/${id}`);
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({
        id,
        entityRef: 'component:default/vault',
      });

      const hidden = await get(`/runs/${id}`, CAROL);
      const missing = await get(
        '/runs/00000000-0000-4000-8000-000000000000',
        CAROL,
      );
      expect([hidden.status, missing.status]).toEqual([404, 404]);
      expect(hidden.body.error.message).toBe(missing.body.error.message);
      expect(hidden.body.error.message).not.toContain('vault');
    });
  });

  describe('GET /metrics/dora', () => {
    it('answers one component', async () => {
      const res = await get(`/metrics/dora?entityRef=billing&${WINDOW}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        scope: { entityRef: 'component:default/billing', entityCount: 1 },
        window: { days: 10 },
        productionStage: 'production',
        // The last failure (billing:19) is not followed by a success yet.
        counts: {
          productionDeployments: 20,
          successful: 16,
          failed: 4,
          restored: 3,
        },
        deploymentFrequency: { perDay: 1.6, band: 'elite' },
        leadTimeForChanges: { medianHours: 5, band: 'elite' },
        changeFailureRate: { ratio: 0.2, band: 'low' },
        timeToRestore: { medianHours: 12, band: 'high' },
      });
    });

    it('answers a system by its parts, and a team with its sub-teams', async () => {
      const store = await get(
        `/metrics/dora?entityRef=system:default/store&${WINDOW}`,
      );
      expect(store.body.scope).toEqual({
        entityRef: 'system:default/store',
        entityCount: 2,
      });
      expect(store.body.counts.productionDeployments).toBe(40);

      const teamA = await get(`/metrics/dora?ownerRef=team-a&${WINDOW}`);
      // shop, cart (of the sub-team) and the store system, which has no runs itself.
      expect(teamA.body.scope).toEqual({
        ownerRef: 'group:default/team-a',
        entityCount: 3,
      });
      expect(teamA.body.counts.productionDeployments).toBe(40);

      const acme = await get(
        `/metrics/dora?ownerRef=group:default/acme&${WINDOW}`,
      );
      expect(acme.body.scope.entityCount).toBe(5);
      expect(acme.body.counts.productionDeployments).toBe(80);
    });

    it('answers the organisation, with only what the caller may read', async () => {
      const all = await get(`/metrics/dora?${WINDOW}`);
      expect(all.body.scope).toEqual({ entityCount: 4 });
      expect(all.body.counts.productionDeployments).toBe(80);
      const carols = await get(`/metrics/dora?${WINDOW}`, CAROL);
      expect(carols.body.scope).toEqual({ entityCount: 1 });
      expect(carols.body.counts.productionDeployments).toBe(20);
      // team-b owns billing and vault; carol sees billing only.
      const teamB = await get(`/metrics/dora?ownerRef=team-b&${WINDOW}`, CAROL);
      expect(teamB.body.scope.entityCount).toBe(1);
      expect(teamB.body.counts.productionDeployments).toBe(20);
      const teamA = await get(`/metrics/dora?ownerRef=team-a&${WINDOW}`, CAROL);
      expect(teamA.status).toBe(404);
      expect(teamA.body.error.message).not.toContain('team-a');
    });

    it('has no figures for a window without deployments', async () => {
      const res = await get(
        '/metrics/dora?entityRef=shop&from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z',
      );
      expect(res.body).toMatchObject({
        counts: { productionDeployments: 0 },
        deploymentFrequency: { perDay: 0, band: null },
        leadTimeForChanges: { medianHours: null, band: null },
      });
    });

    it.each([
      [
        'entityRef=shop&ownerRef=team-a',
        'ownerRef: give entityRef or ownerRef, not both',
      ],
      [
        'from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z',
        'from: must be before to',
      ],
      [
        'to=2026-02-30T00:00:00Z',
        "to: '2026-02-30T00:00:00Z' is not a date-time that exists",
      ],
      ['ownerRef=a:b:c', 'ownerRef'],
    ])('refuses %s', async (query, message) => {
      const res = await get(`/metrics/dora?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });
  });

  describe('GET /audit', () => {
    it('exports one entity’s rows as JSON, with their hashes', async () => {
      const res = await get('/audit?entityRef=billing');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(20);
      expect(res.body.items[0]).toMatchObject({
        type: 'run.imported',
        entityRef: 'component:default/billing',
        actor: 'user:default/alice',
        data: { externalId: 'billing:0' },
        prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });

    it('exports as CSV that a spreadsheet does not run formulas from', async () => {
      const res = await get('/audit?entityRef=shop&format=csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="deployments-audit.csv"',
      );
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'seq,occurredAt,type,entityRef,actor,data,prevHash,hash',
      );
      expect(lines).toHaveLength(22);
      // The hostile external id is inside the quoted JSON of the data cell; no cell starts
      // with a formula character.
      expect(res.text).toContain(
        '""externalId"":""=HYPERLINK(\\""http://evil\\"")""',
      );
      for (const line of lines) {
        expect(line.split(',').some(cell => /^[=+@]/.test(cell))).toBe(false);
      }
    });

    it('exports only what the caller may read, and nothing outside the time range', async () => {
      const carols = await get('/audit', CAROL);
      expect(
        new Set(
          carols.body.items.map((r: { entityRef: string }) => r.entityRef),
        ),
      ).toEqual(new Set(['component:default/billing']));
      const hidden = await get('/audit?entityRef=vault', CAROL);
      expect(hidden.status).toBe(404);
      const past = await get('/audit?to=2020-01-01T00:00:00Z');
      expect(past.body.items).toEqual([]);
    });
  });

  it('verifies the chain', async () => {
    const res = await get('/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      intact: true,
      rowCount: 81,
      lastSeq: 81,
      lastHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});
