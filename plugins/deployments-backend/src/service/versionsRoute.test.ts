import { TestDatabases } from '@backstage/backend-test-utils';
import type { Express } from 'express';
import request from 'supertest';
import { createTestRouter } from '../__testUtils__/createTestRouter';
import {
  ALICE,
  ORGANISATION,
  sha,
  versionBody,
} from '../__testUtils__/fixtures';
import { testPermissions } from '../__testUtils__/policedCatalog';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('POST /versions', () => {
  let app: Express;
  let auditor: Awaited<ReturnType<typeof createTestRouter>>['auditor'];

  beforeAll(async () => {
    ({ app, auditor } = await createTestRouter({
      databases,
      entities: ORGANISATION,
      permissions: testPermissions({
        deny: (permission, ref) =>
          permission === 'deployments.version.create' &&
          ref === 'component:default/vault',
      }),
    }));
  });

  const register = (body: object) =>
    request(app).post('/versions').set('Authorization', ALICE).send(body);

  it('registers a version, then says that the same one again changed nothing', async () => {
    const first = await register(versionBody('shop', '1.0.0', sha('A')));
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      created: true,
      version: {
        entityRef: 'component:default/shop',
        version: '1.0.0',
        commitSha: sha('a'),
        commitTime: '2026-11-01T10:00:00.000Z',
        author: 'alice@example.com',
        registeredBy: 'user:default/alice',
        registeredAt: expect.any(String),
      },
    });

    const again = await register(versionBody('shop', '1.0.0'));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ created: false, version: first.body.version });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'version-register',
        meta: expect.objectContaining({
          actor: 'user:default/alice',
          entityRef: 'component:default/shop',
          version: '1.0.0',
        }),
      }),
    );
  });

  it('refuses the same version with another commit, naming both commits', async () => {
    await register(versionBody('shop', '2.0.0'));
    const res = await register(versionBody('shop', '2.0.0', sha('b')));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `commitSha: version 2.0.0 of component:default/shop is registered with commit ${sha(
        'a',
      )}, not ${sha('b')}`,
    );
  });

  it('fills in the kind and namespace a ref leaves out', async () => {
    const res = await register({
      ...versionBody('cart', '1.0.0'),
      entityRef: 'cart',
    });
    expect(res.status).toBe(201);
    expect(res.body.version.entityRef).toBe('component:default/cart');
  });

  it('names every bad field at once', async () => {
    const res = await register({
      ...versionBody('shop', '3.0.0'),
      commitSha: 'abc',
      version: ' 1',
      extra: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'version: is not in the expected format',
    );
    expect(res.body.error.message).toContain(
      'commitSha: is not in the expected format',
    );
    expect(res.body.error.message).toContain('extra: is not a known field');
  });

  it.each([
    [
      '2026-02-30T10:00:00Z',
      "commitTime: '2026-02-30T10:00:00Z' is not a date-time that exists",
    ],
    ['2999-01-01T00:00:00Z', 'commitTime: is in the future'],
  ])('refuses the commit time %s', async (commitTime, message) => {
    const res = await register({ ...versionBody('shop', '4.0.0'), commitTime });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
  });

  it('answers an unknown entity with a 404 that does not name it', async () => {
    const res = await register(versionBody('nowhere', '1.0.0'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'entityRef: no such entity in the catalog, or it is not visible to you',
    );
  });

  it('needs deployments.version.create on the entity', async () => {
    const res = await register(versionBody('vault', '1.0.0'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Missing permission deployments.version.create',
    );
  });
});
