import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type QueryPermissionResponse,
} from '@backstage/plugin-permission-common';
import { nestOrgTree } from '@runway/plugin-compliance-common';
import request from 'supertest';
import { compliancePlugin } from '../plugin';
import {
  group,
  notificationServiceFactory,
  user,
} from '../testing/testBackend';

jest.setTimeout(60_000);

// An API needs no docs, and is in a system owned by a group above its owner: its level
// depends on its owner only.
const api = (name: string, owner: string, system = 'shop'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default' },
  spec: { type: 'openapi', lifecycle: 'production', owner, system },
});
const system = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner },
});

const visibleToCarol: Entity[] = [
  group('acme'),
  group('team-a', 'acme'),
  group('team-b', 'acme'),
  group('team-c', 'vault'),
  user('alice', 'team-a'),
  user('bob', 'team-a'),
  user('carol', 'team-b'),
  user('dan', 'team-b'),
  user('cat', 'team-c'),
  user('cid', 'team-c'),
  system('shop', 'acme'),
  api('api-a1', 'team-a'),
  api('api-b1', 'team-b'),
  api('api-c1', 'team-c', 'safe'),
  // Visible, but owned by a group carol cannot see.
  api('api-shared', 'team-secret'),
  // Owned by a group that does not exist: fails the owner checks.
  api('api-ghost', 'team-billing'),
];
const hiddenFromCarol: Entity[] = [
  group('vault'),
  group('team-secret', 'acme'),
  system('safe', 'vault'),
  user('sam', 'team-secret'),
  user('sue', 'team-secret'),
  api('api-a2', 'team-a'),
  api('api-secret', 'team-secret'),
  api('api-secret-ghost', 'team-nowhere'),
];
const everything = [...visibleToCarol, ...hiddenFromCarol];
const apis = everything.filter(e => e.kind === 'API').map(e => e.metadata.name);

const ALICE = 'user:default/alice'; // may read everything (ALLOW)
const CAROL = 'user:default/carol'; // may read some entities (CONDITIONAL)
const DAN = 'user:default/dan'; // may read nothing (DENY)
const alice = mockCredentials.user.header(ALICE);
const carol = mockCredentials.user.header(CAROL);
const dan = mockCredentials.user.header(DAN);

const OWNER_CHECKS = ['ownership.owner-exists', 'ownership.owner-has-members'];

function userRef(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as { userEntityRef?: string };
  return principal.userEntityRef;
}

/**
 * A catalog that applies the read policy of this test: carol sees `visibleToCarol`, dan
 * nothing, everyone else (alice, the compliance plugin itself) everything. Records who
 * queried it with a `fields` projection, i.e. who was asked for their visible refs.
 */
function policedCatalog(refQueries: Array<string | undefined>) {
  const full = catalogServiceMock({ entities: everything });
  const forCarol = catalogServiceMock({ entities: visibleToCarol });
  const forDan = catalogServiceMock({ entities: [] });
  const pick = (credentials: BackstageCredentials) => {
    const ref = userRef(credentials);
    if (ref === CAROL) return forCarol;
    if (ref === DAN) return forDan;
    return full;
  };
  const catalog = new Proxy(full, {
    get(target, method: string) {
      const original = (target as any)[method];
      if (typeof original !== 'function') return original;
      return (...args: any[]) => {
        const options = args[args.length - 1] as {
          credentials: BackstageCredentials;
        };
        if (method === 'queryEntities' && args[0]?.fields) {
          refQueries.push(userRef(options.credentials));
        }
        return (pick(options.credentials) as any)[method](...args);
      };
    },
  }) as unknown as CatalogService;
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog,
  });
}

function decisionFor(
  credentials: BackstageCredentials,
): QueryPermissionResponse {
  const ref = userRef(credentials);
  if (ref === DAN) return { result: AuthorizeResult.DENY };
  if (ref === CAROL) {
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: [CAROL, 'group:default/team-b'] },
      },
    };
  }
  return { result: AuthorizeResult.ALLOW };
}

async function startBackend() {
  const refQueries: Array<string | undefined> = [];
  const permissions = mockServices.permissions.mock({
    // Writes (evaluate, exemptions, campaigns) are allowed to all but dan.
    authorize: async (requests, { credentials }) =>
      requests.map(() => ({
        result:
          userRef(credentials) === DAN
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(() => decisionFor(credentials)),
  });
  const { server } = await startTestBackend({
    features: [
      compliancePlugin,
      policedCatalog(refQueries),
      permissions.factory,
      notificationServiceFactory(),
      mockServices.rootConfig.factory({
        data: {
          compliance: {
            catalogIndexMaxAge: { milliseconds: 0 },
            kinds: ['API'],
            levels: [
              {
                id: 'bronze',
                checks: ['ownership.owner-declared', 'ownership.owner-exists'],
              },
              {
                id: 'silver',
                checks: [
                  'ownership.owner-is-group',
                  'ownership.owner-has-members',
                ],
              },
            ],
          },
        },
      }),
    ],
  });
  for (const name of apis) {
    const res = await request(server)
      .post(`/api/compliance/entities/api/default/${name}/evaluate`)
      .set('Authorization', alice);
    expect(res.status).toBe(200);
  }
  // Only what the tests do from here on counts.
  refQueries.length = 0;
  const get =
    (auth: string) =>
    (path: string, query: Record<string, unknown> = {}) =>
      request(server)
        .get(`/api/compliance${path}`)
        .query(query)
        .set('Authorization', auth);
  return { server, permissions, refQueries, get };
}

const refsOf = (items: Array<{ entityRef: string }>) =>
  items.map(i => i.entityRef);

describe('reads over many entities follow the catalog read permission', () => {
  it('counts only visible entities in the rollup, org-wide and scoped', async () => {
    const { get, refQueries } = await startBackend();

    const all = await get(alice)('/rollup');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      entityCount: 8,
      compliantCount: 6,
      percentCompliant: 75,
      levels: { silver: 6, none: 2 },
    });
    expect(all.body.checks['ownership.owner-exists']).toEqual({
      pass: 6,
      fail: 2,
    });
    expect(refsOf(all.body.worstOffenders)).toEqual([
      'api:default/api-ghost',
      'api:default/api-secret-ghost',
    ]);
    // ALLOW filters nothing: nobody is asked for their visible refs.
    expect(refQueries).toEqual([]);

    const some = await get(carol)('/rollup');
    expect(some.status).toBe(200);
    expect(some.body).toMatchObject({
      entityCount: 5,
      compliantCount: 4,
      percentCompliant: 80,
      levels: { silver: 4, none: 1 },
    });
    expect(some.body.checks['ownership.owner-exists']).toEqual({
      pass: 4,
      fail: 1,
    });
    expect(refsOf(some.body.worstOffenders)).toEqual(['api:default/api-ghost']);
    expect(refQueries).toEqual([CAROL]);

    // acme and the groups below it, hidden team-secret included: a1, b1 and shared.
    const acme = await get(carol)('/rollup', {
      ownerRef: 'group:default/acme',
    });
    expect(acme.body).toMatchObject({ entityCount: 3, compliantCount: 3 });
    expect(
      (await get(alice)('/rollup', { ownerRef: 'group:default/acme' })).body,
    ).toMatchObject({ entityCount: 5, compliantCount: 5 });
    expect(
      (await get(carol)('/rollup', { ownerRef: 'group:default/team-secret' }))
        .status,
    ).toBe(404);

    const none = await get(dan)('/rollup');
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({
      entityCount: 0,
      compliantCount: 0,
      levels: {},
      checks: {},
      worstOffenders: [],
    });
  });

  it('lists, counts and pages only visible entities in the entity × check table', async () => {
    const { get } = await startBackend();

    const all = await get(alice)('/entities');
    expect(all.body.totalItems).toBe(8);

    const some = await get(carol)('/entities');
    expect(some.status).toBe(200);
    expect(refsOf(some.body.items)).toEqual([
      'api:default/api-a1',
      'api:default/api-b1',
      'api:default/api-c1',
      'api:default/api-ghost',
      'api:default/api-shared',
    ]);
    expect(some.body.totalItems).toBe(5);

    const page = await get(carol)('/entities', { offset: 1, limit: 2 });
    expect([refsOf(page.body.items), page.body.totalItems]).toEqual([
      ['api:default/api-b1', 'api:default/api-c1'],
      5,
    ]);
    const failing = await get(carol)('/entities', {
      checkId: 'ownership.owner-exists',
      status: 'fail',
    });
    expect([refsOf(failing.body.items), failing.body.totalItems]).toEqual([
      ['api:default/api-ghost'],
      1,
    ]);
    const secret = await get(carol)('/entities', { q: 'secret' });
    expect([secret.body.items, secret.body.totalItems]).toEqual([[], 0]);
    const teamA = await get(carol)('/entities', { ownerRef: 'team-a' });
    expect(refsOf(teamA.body.items)).toEqual(['api:default/api-a1']);

    const none = await get(dan)('/entities');
    expect([none.body.items, none.body.totalItems]).toEqual([[], 0]);
  });

  it('shows only visible groups and counts only visible entities in the org tree', async () => {
    const { get } = await startBackend();
    const shape = (node: any): unknown => [
      node.groupRef,
      node.entityCount,
      node.compliantCount,
      node.children.map(shape),
    ];

    const all = await get(alice)('/org-tree');
    expect(nestOrgTree(all.body.items).map(shape)).toEqual([
      [
        'group:default/acme',
        5,
        5,
        [
          ['group:default/team-a', 2, 2, []],
          ['group:default/team-b', 1, 1, []],
          ['group:default/team-secret', 2, 2, []],
        ],
      ],
      ['group:default/vault', 1, 1, [['group:default/team-c', 1, 1, []]]],
    ]);

    // team-secret and vault are hidden. api-shared (owned by team-secret) still counts for
    // acme, as in acme's rollup; team-c takes the place of vault.
    const some = await get(carol)('/org-tree');
    expect(some.status).toBe(200);
    expect(nestOrgTree(some.body.items).map(shape)).toEqual([
      [
        'group:default/acme',
        3,
        3,
        [
          ['group:default/team-a', 1, 1, []],
          ['group:default/team-b', 1, 1, []],
        ],
      ],
      ['group:default/team-c', 1, 1, []],
    ]);

    const none = await get(dan)('/org-tree');
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
  });

  it('counts only visible entities in the trend', async () => {
    const { get } = await startBackend();
    const today = async (auth: string) =>
      (await get(auth)('/trend', { days: 1 })).body.points[0].levels;

    expect(await today(alice)).toEqual({ none: 2, bronze: 0, silver: 6 });
    expect(await today(carol)).toEqual({ none: 1, bronze: 0, silver: 4 });
    expect(await today(dan)).toEqual({ none: 0, bronze: 0, silver: 0 });
  });

  it('lists only the exemptions of visible entities', async () => {
    const { server, get } = await startBackend();
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    for (const name of ['api-ghost', 'api-secret-ghost']) {
      const res = await request(server)
        .post('/api/compliance/exemptions')
        .set('Authorization', alice)
        .send({
          entityRef: `api:default/${name}`,
          checkId: 'ownership.owner-exists',
          reason: 'The team is being set up',
          expiresAt,
        });
      expect(res.status).toBe(201);
    }
    const listed = async (auth: string, query = {}) => {
      const res = await get(auth)('/exemptions', query);
      expect(res.status).toBe(200);
      return refsOf(res.body.items).sort();
    };

    expect(await listed(alice)).toEqual([
      'api:default/api-ghost',
      'api:default/api-secret-ghost',
    ]);
    expect(await listed(carol)).toEqual(['api:default/api-ghost']);
    expect(await listed(carol, { status: 'pending' })).toEqual([
      'api:default/api-ghost',
    ]);
    expect(await listed(dan)).toEqual([]);
    const hidden = await get(carol)('/exemptions', {
      entityRef: 'api:default/api-secret-ghost',
    });
    expect(hidden.status).toBe(404);
  });

  it('dry-runs a check over visible entities only', async () => {
    const { server } = await startBackend();
    const dryRun = (auth: string) =>
      request(server)
        .post('/api/compliance/checks/dry-run')
        .set('Authorization', auth)
        .send({
          check: {
            id: 'meta.owned-by-team-a',
            title: 'Owned by team-a',
            appliesTo: { kind: ['API'] },
            rule: { type: 'equality', field: 'spec.owner', value: 'team-a' },
          },
        });
    const failing = (res: request.Response) =>
      res.body.firstFailing.map((f: { entityRef: string }) => f.entityRef);

    const all = await dryRun(alice);
    expect(all.status).toBe(200);
    expect(all.body.counts).toMatchObject({ pass: 2, fail: 6 });

    const some = await dryRun(carol);
    expect(some.body.counts).toMatchObject({ pass: 1, fail: 4 });
    expect(failing(some).sort()).toEqual([
      'api:default/api-b1',
      'api:default/api-c1',
      'api:default/api-ghost',
      'api:default/api-shared',
    ]);

    const none = await dryRun(dan);
    expect(none.body.total).toBe(0);
    expect(failing(none)).toEqual([]);
  });

  it('counts only visible entities in campaign progress and the campaign list', async () => {
    const { server, get } = await startBackend();
    const created = await request(server)
      .post('/api/compliance/campaigns')
      .set('Authorization', alice)
      .send({
        title: 'Real owners',
        checkIds: OWNER_CHECKS,
        deadline: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const today = new Date().toISOString().slice(0, 10);

    const all = await get(alice)(`/campaigns/${id}`);
    expect(all.body).toMatchObject({
      entityCount: 8,
      doneCount: 6,
      burnUp: [{ date: today, done: 6, total: 8 }],
    });
    expect(refsOf(all.body.remaining).sort()).toEqual([
      'api:default/api-ghost',
      'api:default/api-secret-ghost',
    ]);

    const some = await get(carol)(`/campaigns/${id}`);
    expect(some.status).toBe(200);
    expect(some.body).toMatchObject({
      campaign: { id, title: 'Real owners' },
      entityCount: 5,
      doneCount: 4,
      percentDone: 80,
      burnUp: [{ date: today, done: 4, total: 5 }],
    });
    expect(refsOf(some.body.remaining)).toEqual(['api:default/api-ghost']);
    const list = await get(carol)('/campaigns');
    expect(list.body.items).toEqual([
      expect.objectContaining({ id, entityCount: 5, doneCount: 4 }),
    ]);

    const none = await get(dan)(`/campaigns/${id}`);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({
      entityCount: 0,
      doneCount: 0,
      remaining: [],
      burnUp: [{ date: today, done: 0, total: 0 }],
    });
  });

  it('lets a campaign filter name only a group the creator can read, and answers a hidden one as a missing one', async () => {
    const { server } = await startBackend();
    const create = (auth: string, ownerRef: string) =>
      request(server)
        .post('/api/compliance/campaigns')
        .set('Authorization', auth)
        .send({
          title: 'Secret owners',
          checkIds: OWNER_CHECKS,
          deadline: new Date(Date.now() + 14 * 86_400_000).toISOString(),
          filter: { ownerRef },
        });
    // The answer, with the ref the caller sent taken out: nothing else may differ.
    const answer = (res: request.Response, ownerRef: string) => ({
      status: res.status,
      name: res.body.error?.name,
      message: res.body.error?.message?.replace(ownerRef, '<ref>'),
    });

    const missing = await create(carol, 'group:default/team-nowhere');
    expect(answer(missing, 'group:default/team-nowhere')).toEqual({
      status: 400,
      name: 'InputError',
      message: 'filter.ownerRef: no group <ref> in the catalog',
    });
    for (const hidden of ['group:default/team-secret', 'vault']) {
      expect(answer(await create(carol, hidden), hidden)).toEqual(
        answer(missing, 'group:default/team-nowhere'),
      );
    }

    const visible = await create(carol, 'team-b');
    expect(visible.status).toBe(201);
    expect(visible.body.filter).toEqual({ ownerRef: 'group:default/team-b' });
    // Who may read the group may name it.
    const allowed = await create(alice, 'group:default/team-secret');
    expect(allowed.status).toBe(201);
  });

  it('asks the permission framework about service principals too', async () => {
    const { get, permissions } = await startBackend();
    permissions.authorizeConditional.mockClear();

    const res = await get(mockCredentials.service.header())('/rollup');
    expect(res.status).toBe(200);
    expect(res.body.entityCount).toBe(8);
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({ name: 'catalog.entity.read' }),
        },
      ],
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
  });
});
