import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ENTITY_CHANGED_TOPIC,
  type EntityChangedEventPayload,
} from '@runway/plugin-catalog-backend-module-entity-changes';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { compliancePlugin } from './plugin';
import { group, notificationServiceFactory, user } from './testing/testBackend';

jest.setTimeout(60_000);

const entities: Entity[] = [
  group('team-a'),
  user('alice', 'team-a'),
  user('bob', 'team-a'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  },
];

const alice = mockCredentials.user.header('user:default/alice');

async function startBackend(evaluateOnChange: JsonObject) {
  // One events service for every plugin, as in a real backend (the mock makes one per plugin).
  const events = mockServices.events();
  const backend = await startTestBackend({
    features: [
      compliancePlugin,
      catalogServiceMock.factory({ entities }),
      notificationServiceFactory(),
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
      }),
      // No sweep: whatever is evaluated, the change event made it so.
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
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
  return { backend, announce, evaluatedAt };
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
