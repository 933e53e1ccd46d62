import { TestDatabases } from '@backstage/backend-test-utils';
import type { Express } from 'express';
import request from 'supertest';
import { createTestRouter } from '../__testUtils__/createTestRouter';
import {
  ALICE,
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

describe('POST /history/import', () => {
  let app: Express;
  let auditor: Awaited<ReturnType<typeof createTestRouter>>['auditor'];

  beforeEach(async () => {
    ({ app, auditor } = await createTestRouter({
      databases,
      catalog: policedCatalog(ORGANISATION, { [CAROL_REF]: VISIBLE_TO_CAROL }),
      permissions: testPermissions({
        limited: [CAROL_REF],
        deny: (permission, ref) =>
          permission === 'deployments.history.import' &&
          ref === 'component:default/vault',
      }),
    }));
  });

  const importing = (deployments: unknown[], as = ALICE) =>
    request(app)
      .post('/history/import')
      .set('Authorization', as)
      .send({ deployments });

  /** What is stored: the number of runs and of audit rows. */
  async function stored() {
    const runs = await request(app)
      .get('/runs?limit=200')
      .set('Authorization', ALICE);
    const verify = await request(app)
      .get('/audit/verify')
      .set('Authorization', ALICE);
    return { runs: runs.body.items.length, auditRows: verify.body.rowCount };
  }

  const history = [
    deployment('gh:1', 'shop', '2026-11-01T10:00:00Z'),
    deployment('gh:2', 'shop', '2026-11-02T10:00:00Z', { status: 'failed' }),
    deployment('gh:3', 'cart', '2026-11-02T12:00:00Z', { rollback: true }),
  ];

  it('imports, and a second import of the same file changes nothing and says so', async () => {
    const first = await importing(history);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      imported: 3,
      unchanged: 0,
      message: 'Imported 3 deployments',
    });

    const second = await importing(history);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      imported: 0,
      unchanged: 3,
      message: 'Nothing changed: all 3 deployments were imported before',
    });
    expect(await stored()).toEqual({ runs: 3, auditRows: 3 });

    const more = await importing([
      ...history,
      deployment('gh:4', 'billing', '2026-11-03T10:00:00Z'),
    ]);
    expect(more.body).toEqual({
      imported: 1,
      unchanged: 3,
      message:
        'Imported 1 deployment; 3 deployments were imported before and did not change',
    });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'history-import',
        meta: { actor: 'user:default/alice', deployments: 4 },
      }),
    );
  });

  it('reports every bad row by index and field, those that break the schema and the others at once, and stores nothing', async () => {
    const res = await importing([
      history[0],
      { ...history[1], status: 'done', commitSha: 'abc' },
      history[2],
      deployment('gh:5', 'shop', '2026-11-04T10:00:00Z', {
        startedAt: '2026-11-04T11:00:00Z',
      }),
      {
        ...deployment('gh:6', 'shop', '2026-11-05T10:00:00Z'),
        stage: undefined,
      },
      { ...deployment('gh:7', 'shop', '2026-11-05T10:00:00Z'), color: 'red' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      '4 of 6 deployments are invalid, so nothing was stored: ' +
        'deployments[1].commitSha: is not in the expected format; ' +
        'deployments[1].status: must be one of succeeded, failed; ' +
        'deployments[3].finishedAt: is before startedAt; ' +
        'deployments[4].stage: is required; ' +
        'deployments[5].color: is not a known field',
    );
    expect(await stored()).toEqual({ runs: 0, auditRows: 0 });
  });

  it('reports rows whose times, ids or entities are wrong, after the schema holds', async () => {
    const res = await importing([
      history[0],
      deployment('gh:5', 'shop', '2026-11-04T10:00:00Z', {
        startedAt: '2026-11-04T11:00:00Z',
      }),
      deployment('gh:6', 'shop', '2026-11-04T10:00:00Z', {
        commitTime: '2026-11-04T09:55:00Z',
      }),
      deployment('gh:1', 'shop', '2026-11-05T10:00:00Z'),
      deployment('gh:8', 'nowhere', '2026-11-05T10:00:00Z'),
      deployment('gh:9', 'shop', '2999-01-01T00:00:00Z'),
      deployment('gh:10', 'shop', '2026-11-05T10:00:00Z', {
        commitTime: '2026-02-30T00:00:00Z',
      }),
    ]);
    expect(res.status).toBe(400);
    const message = res.body.error.message as string;
    expect(message).toMatch(
      /^6 of 7 deployments are invalid, so nothing was stored: /,
    );
    for (const expected of [
      'deployments[1].finishedAt: is before startedAt',
      'deployments[2].commitTime: is after startedAt',
      "deployments[3].externalId: 'gh:1' appears more than once in this request (first at deployments[0])",
      'deployments[4].entityRef: no such entity in the catalog, or it is not visible to you',
      'deployments[5].finishedAt: is in the future',
      "deployments[6].commitTime: '2026-02-30T00:00:00Z' is not a date-time that exists",
    ]) {
      expect(message).toContain(expected);
    }
    expect(await stored()).toEqual({ runs: 0, auditRows: 0 });
  });

  it('refuses a deployment that contradicts an earlier import, storing none of the request', async () => {
    await importing(history);
    const res = await importing([
      deployment('gh:20', 'shop', '2026-11-06T10:00:00Z'),
      { ...history[1], status: 'succeeded' },
    ]);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(
      "deployments[1].status: 'gh:2' was imported before with status failed, not succeeded",
    );
    expect(await stored()).toEqual({ runs: 3, auditRows: 3 });
  });

  it('needs deployments.history.import on every entity: one denied is a 403 and nothing is stored', async () => {
    const res = await importing([
      ...history,
      deployment('gh:30', 'vault', '2026-11-06T10:00:00Z'),
    ]);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Missing permission deployments.history.import for component:default/vault, so nothing was stored',
    );
    expect(await stored()).toEqual({ runs: 0, auditRows: 0 });
  });

  it('takes an entity the caller cannot see for one that does not exist', async () => {
    const res = await importing(
      [deployment('gh:40', 'billing', '2026-11-06T10:00:00Z'), history[0]],
      CAROL,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      '1 of 2 deployments are invalid, so nothing was stored: deployments[1].entityRef: no such entity in the catalog, or it is not visible to you',
    );
  });

  it('refuses more than 10,000 deployments in one request, and an empty list', async () => {
    const tooMany = Array.from({ length: 10_001 }, (_, i) =>
      deployment(`x:${i}`, 'shop', '2026-11-01T10:00:00Z'),
    );
    const res = await importing(tooMany);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'deployments: must NOT have more than 10000 items',
    );
    const none = await importing([]);
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe(
      'deployments: must NOT have fewer than 1 items',
    );
  });
});

describe('the answer of an import', () => {
  it('says what happened in words that agree with the numbers', async () => {
    const { app } = await createTestRouter({
      databases,
      entities: ORGANISATION,
    });
    const send = async (deployments: unknown[]) =>
      (
        await request(app)
          .post('/history/import')
          .set('Authorization', ALICE)
          .send({ deployments })
      ).body.message;
    const one = deployment('one:1', 'shop', '2026-11-01T10:00:00Z');
    const two = deployment('one:2', 'shop', '2026-11-02T10:00:00Z');
    expect(await send([one])).toBe('Imported 1 deployment');
    expect(await send([one])).toBe(
      'Nothing changed: the deployment was imported before',
    );
    expect(await send([one, two])).toBe(
      'Imported 1 deployment; 1 deployment was imported before and did not change',
    );
  });
});
