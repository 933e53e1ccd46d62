import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { nestOrgTree } from '@runway/plugin-compliance-common';
import request from 'supertest';
import { compliancePlugin } from '../plugin';

jest.setTimeout(60_000);

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});
const user = (name: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [team] },
});
const ownedBy = (
  kind: string,
  name: string,
  owner: string,
  spec: Record<string, unknown> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner, ...spec },
});

const catalog = (): Entity[] => [
  group('acme'),
  group('team-a', 'acme'),
  group('team-empty', 'acme'),
  group('sales'),
  user('alice', 'team-a'),
  user('bob', 'team-a'),
  ownedBy('Component', 'good', 'team-a'),
  // In a system, and with no docs to publish: the one entity that passes every check.
  ownedBy('API', 'good-api', 'team-a', { system: 'shop' }),
  ownedBy('System', 'shop', 'team-a'),
  ownedBy('Component', 'empty', 'team-empty'),
  ownedBy('Component', 'ghost', 'team-billing'),
  ownedBy('Component', 'deals', 'sales'),
];
const evaluated = [
  'component/default/good',
  'api/default/good-api',
  'component/default/empty',
  'component/default/ghost',
  'component/default/deals',
];

const alice = mockCredentials.user.header('user:default/alice');

async function startBackend(entities: Entity[] = catalog()) {
  const backend = await startTestBackend({
    features: [
      compliancePlugin,
      catalogServiceMock.factory({ entities }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      mockServices.rootConfig.factory({
        data: {
          compliance: {
            catalogIndexMaxAge: { milliseconds: 0 },
            kinds: ['Component', 'API'],
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
  const server = backend.server;
  const evaluateAll = async () => {
    for (const path of evaluated) {
      const res = await request(server)
        .post(`/api/compliance/entities/${path}/evaluate`)
        .set('Authorization', alice);
      expect(res.status).toBe(200);
    }
  };
  const get = (path: string, query: Record<string, unknown> = {}) =>
    request(server)
      .get(`/api/compliance${path}`)
      .query(query)
      .set('Authorization', alice);
  return { server, evaluateAll, get };
}

describe('reporting routes', () => {
  it('lists entities with every check status, filtered and paged on the server', async () => {
    const { evaluateAll, get } = await startBackend();
    await evaluateAll();

    const all = await get('/entities');
    expect(all.status).toBe(200);
    expect(all.body.totalItems).toBe(5);
    expect(all.body.items.map((i: any) => i.entityRef)).toEqual([
      'api:default/good-api',
      'component:default/deals',
      'component:default/empty',
      'component:default/ghost',
      'component:default/good',
    ]);
    expect(all.body.items[4]).toMatchObject({
      entityRef: 'component:default/good',
      ownerRef: 'group:default/team-a',
      level: 'silver',
      statuses: {
        'ownership.owner-exists': 'pass',
        'ownership.owner-has-members': 'pass',
      },
    });

    const refs = async (query: Record<string, unknown>) => {
      const res = await get('/entities', query);
      expect(res.status).toBe(200);
      return [res.body.items.map((i: any) => i.entityRef), res.body.totalItems];
    };
    // A group includes the groups below it; shorthand refs resolve like the catalog's.
    expect(await refs({ ownerRef: 'acme' })).toEqual([
      [
        'api:default/good-api',
        'component:default/empty',
        'component:default/good',
      ],
      3,
    ]);
    expect(await refs({ kind: 'API' })).toEqual([['api:default/good-api'], 1]);
    expect(
      await refs({ checkId: 'ownership.owner-exists', status: 'fail' }),
    ).toEqual([['component:default/ghost'], 1]);
    expect(await refs({ level: 'none' })).toEqual([
      ['component:default/ghost'],
      1,
    ]);
    expect(
      await refs({ level: 'bronze', ownerRef: 'group:default/acme' }),
    ).toEqual([['component:default/empty'], 1]);
    expect(await refs({ q: 'GOOD' })).toEqual([
      ['api:default/good-api', 'component:default/good'],
      2,
    ]);
    expect(await refs({ limit: 2, offset: 2 })).toEqual([
      ['component:default/empty', 'component:default/ghost'],
      5,
    ]);
  });

  it.each([
    ['/entities', { limit: 501 }, /limit/],
    ['/entities', { limit: 0 }, /limit/],
    ['/entities', { limit: 'ten' }, /limit/],
    ['/entities', { offset: -1 }, /offset/],
    ['/entities', { status: 'great' }, /status/],
    ['/entities', { kind: 'Component; drop' }, /kind/],
    ['/entities', { ownerRef: 'a:b:c/d' }, /ownerRef/],
    ['/entities', { q: 'x'.repeat(201) }, /q/],
    ['/entities', { owner: 'team-a' }, /owner/],
    ['/trend', { days: 366 }, /days/],
    ['/trend', { days: 0 }, /days/],
    ['/trend', { days: '1w' }, /days/],
    ['/trend', { ownerRef: '' }, /ownerRef/],
  ])(
    'answers GET %s?%j with a 400 naming the parameter',
    async (path, query, field) => {
      const { get } = await startBackend();
      const res = await get(path, query);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(field);
    },
  );

  it('answers an owner the caller cannot see with a 404, and strangers with a 401', async () => {
    const { server, get } = await startBackend();
    for (const path of ['/entities', '/trend']) {
      const res = await get(path, { ownerRef: 'group:default/nope' });
      expect(res.status).toBe(404);
    }
    for (const path of ['/entities', '/org-tree', '/trend']) {
      const res = await request(server)
        .get(`/api/compliance${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    }
  });

  it('shows the org tree with numbers that include every group below', async () => {
    const { evaluateAll, get } = await startBackend();
    await evaluateAll();

    const res = await get('/org-tree');
    expect(res.status).toBe(200);
    const shape = (node: any): unknown => [
      node.groupRef,
      node.title,
      node.entityCount,
      node.children.map(shape),
    ];
    expect(nestOrgTree(res.body.items).map(shape)).toEqual([
      [
        'group:default/acme',
        'acme',
        3,
        [
          ['group:default/team-a', 'team-a', 2, []],
          ['group:default/team-empty', 'team-empty', 1, []],
        ],
      ],
      ['group:default/sales', 'sales', 1, []],
    ]);

    expect(res.body.items[0]).toMatchObject({
      compliantCount: 1,
      percentCompliant: 33.3,
    });
    expect(nestOrgTree(res.body.items)[0].children[0]).toMatchObject({
      compliantCount: 1,
      percentCompliant: 50,
    });

    // Each group's numbers are those of its rollup, which covers the groups below it.
    // The list holds every group: acme, its teams, and sales.
    for (const node of res.body.items) {
      const rollup = await get('/rollup', { ownerRef: node.groupRef });
      expect([
        node.entityCount,
        node.compliantCount,
        node.percentCompliant,
      ]).toEqual([
        rollup.body.entityCount,
        rollup.body.compliantCount,
        rollup.body.percentCompliant,
      ]);
    }
  });

  it('reports the levels of today in the trend, and follows changes', async () => {
    const entities = catalog();
    const { evaluateAll, get } = await startBackend(entities);

    const empty = await get('/trend', { days: 7 });
    expect(empty.status).toBe(200);
    expect(empty.body.points).toHaveLength(7);
    expect(empty.body.points[6]).toEqual({
      date: new Date().toISOString().slice(0, 10),
      levels: { none: 0, bronze: 0, silver: 0 },
    });

    await evaluateAll();
    const before = await get('/trend', { days: 7 });
    expect(before.body.points[6].levels).toEqual({
      none: 1,
      bronze: 2,
      silver: 2,
    });
    expect((await get('/trend')).body.points).toHaveLength(30);

    // bob leaves team-a: team-a's entities drop from silver to bronze.
    entities.find(e => e.metadata.name === 'bob')!.spec = {
      memberOf: ['team-empty'],
    };
    await evaluateAll();
    const after = await get('/trend', { days: 7 });
    expect(after.body.points[6].levels).toEqual({
      none: 1,
      bronze: 4,
      silver: 0,
    });
    const teamA = await get('/trend', { days: 1, ownerRef: 'team-a' });
    expect(teamA.body.points).toEqual([
      {
        date: new Date().toISOString().slice(0, 10),
        levels: { none: 0, bronze: 2, silver: 0 },
      },
    ]);
  });
});
