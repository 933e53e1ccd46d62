import { TestDatabases } from '@backstage/backend-test-utils';
import type { Express } from 'express';
import type { Server } from 'node:http';
import request from 'supertest';
import { createTestRouter } from '../__testUtils__/createTestRouter';
import {
  deployment,
  ORGANISATION,
  versionBody,
} from '../__testUtils__/fixtures';
import { wrapServer } from '../__testUtils__/wrapServer';
import { testPermissions } from '../__testUtils__/policedCatalog';
import { spec } from '../schema/openapi';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** Every operation of the spec, as `METHOD /path`. */
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.keys(item).map(method => `${method.toUpperCase()} ${path}`),
);

/**
 * Every request and response passes through Backstage's OpenAPI validation proxy
 * (`wrapServer`), which fails the test when either does not match openapi.yaml: the spec,
 * the generated types and what the router really sends cannot drift apart. Each operation
 * is called for its success and for its errors.
 */
describe('the router against openapi.yaml', () => {
  let server: Server;
  let app: Express;
  const called = new Set<string>();
  const call = (operation: string) => {
    called.add(operation);
    return request(server);
  };

  beforeAll(async () => {
    ({ app } = await createTestRouter({
      databases,
      entities: ORGANISATION,
      permissions: testPermissions({
        deny: (_permission, ref) => ref === 'component:default/vault',
      }),
    }));
    server = await wrapServer(app);
  });

  it('registers versions: created, unchanged, conflicting, refused', async () => {
    const register = (body: object) =>
      call('POST /versions').post('/versions').send(body);
    expect((await register(versionBody('shop', '1.0.0'))).status).toBe(201);
    expect((await register(versionBody('shop', '1.0.0'))).status).toBe(200);
    expect(
      (await register(versionBody('shop', '1.0.0', 'b'.repeat(40)))).status,
    ).toBe(409);
    expect((await register(versionBody('vault', '1.0.0'))).status).toBe(403);
    expect((await register(versionBody('nowhere', '1.0.0'))).status).toBe(404);
    expect((await register({ version: 1 })).status).toBe(400);
  });

  it('imports history: stored, unchanged, invalid, conflicting, refused', async () => {
    const importing = (deployments: unknown[]) =>
      call('POST /history/import')
        .post('/history/import')
        .send({ deployments });
    const rows = [
      deployment('gh:1', 'shop', '2026-11-01T10:00:00Z'),
      deployment('gh:2', 'cart', '2026-11-02T10:00:00Z', { status: 'failed' }),
    ];
    expect((await importing(rows)).status).toBe(200);
    expect((await importing(rows)).status).toBe(200);
    expect((await importing([{ ...rows[0], status: 'done' }])).status).toBe(
      400,
    );
    expect(
      (await importing([{ ...rows[1], status: 'succeeded' }])).status,
    ).toBe(409);
    expect(
      (await importing([deployment('gh:3', 'vault', '2026-11-02T10:00:00Z')]))
        .status,
    ).toBe(403);
  });

  it('lists runs page by page and shows one', async () => {
    const first = await call('GET /runs').get(
      '/runs?entityRef=component:default/shop&stage=production&status=succeeded&limit=1',
    );
    expect(first.status).toBe(200);
    const all = await call('GET /runs').get('/runs?limit=1');
    expect(all.body.nextCursor).toEqual(expect.any(String));
    const next = await call('GET /runs').get(
      `/runs?limit=1&cursor=${all.body.nextCursor}`,
    );
    expect(next.status).toBe(200);
    expect(next.body.nextCursor).toBeUndefined();
    expect((await call('GET /runs').get('/runs?cursor=xyz')).status).toBe(400);
    expect(
      (await call('GET /runs').get('/runs?entityRef=nowhere')).status,
    ).toBe(404);

    const run = await call('GET /runs/{id}').get(
      `/runs/${first.body.items[0].id}`,
    );
    expect(run.status).toBe(200);
    expect(
      (
        await call('GET /runs/{id}').get(
          '/runs/00000000-0000-4000-8000-000000000000',
        )
      ).status,
    ).toBe(404);
  });

  it('answers DORA for an entity, a team and the organisation', async () => {
    const window = 'from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z';
    for (const query of ['entityRef=shop', 'ownerRef=group:default/acme', '']) {
      const res = await call('GET /metrics/dora').get(
        `/metrics/dora?${query}&${window}`,
      );
      expect([query, res.status]).toEqual([query, 200]);
    }
    expect(
      (
        await call('GET /metrics/dora').get(
          '/metrics/dora?entityRef=shop&ownerRef=acme',
        )
      ).status,
    ).toBe(400);
    expect(
      (await call('GET /metrics/dora').get('/metrics/dora?ownerRef=nowhere'))
        .status,
    ).toBe(404);
  });

  it('exports the audit trail as JSON and CSV, and verifies it', async () => {
    const json = await call('GET /audit').get('/audit?entityRef=shop');
    expect(json.status).toBe(200);
    expect(json.body.items.length).toBeGreaterThan(0);
    // Backstage's validation proxy reads every response body as JSON, so the CSV export
    // goes to the app directly; its text/csv response is declared in the spec all the same.
    called.add('GET /audit');
    const csv = await request(app).get(
      '/audit?format=csv&from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z',
    );
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(
      Object.keys(spec.paths['/audit'].get.responses['200'].content),
    ).toEqual(['application/json', 'text/csv']);
    expect(
      (await call('GET /audit').get('/audit?entityRef=nowhere')).status,
    ).toBe(404);
    expect((await call('GET /audit').get('/audit?format=xml')).status).toBe(
      400,
    );

    const verify = await call('GET /audit/verify').get('/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body.intact).toBe(true);
  });

  it('has exercised every operation of the spec', () => {
    expect([...called].sort()).toEqual([...operations].sort());
  });
});
