import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ENTITY_CHANGED_TOPIC,
  type EntityChangedEventPayload,
} from '@runway/events-node';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { compliancePlugin } from './plugin';
import { group, notificationServiceFactory, user } from './testing/testBackend';

jest.setTimeout(60_000);

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
});

/**
 * A fresh organisation per test, since tests change it. Uids let the catalog mock delete.
 *
 *   platform ── team-a (alice, bob)      infrastructure      team-b (nobody)
 */
function organisation(): Entity[] {
  return [
    group('platform'),
    group('infrastructure'),
    group('team-a', 'platform'),
    group('team-b'),
    user('alice', 'team-a'),
    user('bob', 'team-a'),
    component('checkout', 'team-a'),
    component('legacy', 'team-a'),
    component('platform-tools', 'platform'),
    component('billing', 'team-b'),
  ].map(entity => ({
    ...entity,
    metadata: { ...entity.metadata, uid: `uid-${entity.metadata.name}` },
  }));
}

const alice = mockCredentials.user.header('user:default/alice');

async function startBackend(evaluateOnChange: JsonObject) {
  // One events service for every plugin, as in a real backend (the mock makes one per plugin).
  const events = mockServices.events();
  const entities = organisation();
  const catalog = catalogServiceMock({ entities });
  // Tasks run only when a test triggers them: whatever is evaluated, an event or a
  // triggered task made it so.
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      compliancePlugin,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      notificationServiceFactory(),
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
      }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.rootConfig.factory({
        data: {
          compliance: {
            catalogIndexMaxAge: { milliseconds: 0 },
            evaluateOnChange,
          },
        },
      }),
    ],
  });
  const announce = (eventPayload: EntityChangedEventPayload) =>
    events.publish({ topic: ENTITY_CHANGED_TOPIC, eventPayload });
  const evaluatedAt = async (path: string) => {
    const res = await request(backend.server)
      .get(`/api/compliance/entities/${path}`)
      .set('Authorization', alice);
    expect(res.status).toBe(200);
    return res.body.evaluatedAt as string | undefined;
  };
  const compliance = async (path: string) => {
    const res = await request(backend.server)
      .get(`/api/compliance/entities/${path}`)
      .set('Authorization', alice);
    expect(res.status).toBe(200);
    return res.body as {
      evaluatedAt?: string;
      results: Array<{ checkId: string; status: string }>;
    };
  };
  const status = async (path: string, checkId: string) =>
    (await compliance(path)).results.find(r => r.checkId === checkId)?.status;
  const storedEntities = async () => {
    const res = await request(backend.server)
      .get('/api/compliance/rollup')
      .set('Authorization', alice);
    expect(res.status).toBe(200);
    return res.body.entityCount as number;
  };
  /** Changes an entity in place, as the catalog would after reading its new YAML. */
  const edit = (name: string, change: (entity: Entity) => void) =>
    change(entities.find(entity => entity.metadata.name === name)!);
  return {
    backend,
    announce,
    evaluatedAt,
    status,
    storedEntities,
    catalog,
    edit,
    scheduler,
  };
}

async function eventually(condition: () => Promise<boolean>) {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

describe('evaluation on catalog change', () => {
  it('evaluates an entity the catalog announces as changed, without a sweep', async () => {
    const { backend, announce, evaluatedAt } = await startBackend({
      delay: { milliseconds: 20 },
    });
    try {
      expect(await evaluatedAt('component/default/checkout')).toBeUndefined();

      await announce({
        entityRef: 'component:default/checkout',
        kind: 'Component',
        hash: 'h1',
      });
      await eventually(
        async () => !!(await evaluatedAt('component/default/checkout')),
      );
    } finally {
      await backend.stop();
    }
  });

  it('evaluates what a changed group owns', async () => {
    const { backend, announce, evaluatedAt } = await startBackend({
      delay: { milliseconds: 20 },
    });
    try {
      expect(await evaluatedAt('component/default/checkout')).toBeUndefined();
      await announce({
        entityRef: 'group:default/team-a',
        kind: 'Group',
        hash: 'h1',
      });
      await eventually(
        async () => !!(await evaluatedAt('component/default/checkout')),
      );
    } finally {
      await backend.stop();
    }
  });

  it("re-evaluates what a re-parented group's former parent owns", async () => {
    const { backend, announce, status, edit, scheduler } = await startBackend({
      delay: { milliseconds: 20 },
    });
    try {
      await scheduler.triggerTask('compliance-sweep');
      const staffed = () =>
        status(
          'component/default/platform-tools',
          'ownership.owner-has-members',
        );
      // platform counts team-a's two people.
      expect(await staffed()).toBe('pass');

      edit('team-a', entity => {
        entity.spec!.parent = 'infrastructure';
      });
      await announce({
        entityRef: 'group:default/team-a',
        kind: 'Group',
        hash: 'h2',
        references: [
          { type: 'childOf', targetRef: 'group:default/infrastructure' },
        ],
        previousReferences: [
          { type: 'childOf', targetRef: 'group:default/platform' },
        ],
      });
      await eventually(async () => (await staffed()) === 'fail');
    } finally {
      await backend.stop();
    }
  });

  it('removes what is stored about deleted entities, and re-evaluates what a deleted group owned', async () => {
    const { backend, status, storedEntities, catalog, scheduler } =
      await startBackend({ delay: { milliseconds: 20 } });
    try {
      await scheduler.triggerTask('compliance-sweep');
      const ownerExists = () =>
        status('component/default/billing', 'ownership.owner-exists');
      expect(await ownerExists()).toBe('pass');
      expect(await storedEntities()).toBe(4);
      // Its first run takes note of the catalog.
      await scheduler.triggerTask('compliance-reconcile-deletions');

      await catalog.removeEntityByUid('uid-legacy');
      await catalog.removeEntityByUid('uid-team-b');
      await scheduler.triggerTask('compliance-reconcile-deletions');

      expect(await storedEntities()).toBe(3);
      expect(await ownerExists()).toBe('fail');
    } finally {
      await backend.stop();
    }
  });

  it('does nothing on change when turned off', async () => {
    const { backend, announce, evaluatedAt } = await startBackend({
      enabled: false,
      delay: { milliseconds: 20 },
    });
    try {
      await announce({
        entityRef: 'component:default/checkout',
        kind: 'Component',
        hash: 'h1',
      });
      await new Promise(resolve => setTimeout(resolve, 300));
      expect(await evaluatedAt('component/default/checkout')).toBeUndefined();
    } finally {
      await backend.stop();
    }
  });
});
