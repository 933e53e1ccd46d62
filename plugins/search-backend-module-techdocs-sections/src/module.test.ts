// The module installed as a host backend installs it, beside the real TechDocs backend
// (serving mkdocs output from its local publisher) and the real search backend with
// permissions on: what a reader finds, what they may not, the action, and re-indexing on
// publish.
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type SchedulerService,
  type SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  type EventsService,
  type EventsServiceSubscribeOptions,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import searchPlugin from '@backstage/plugin-search-backend';
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import { TECHDOCS_PUBLISHED_TOPIC } from '@runway/events-node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { buildDocsSite } from './__testUtils__/buildDocsSite';
import searchModuleTechDocsSections from './index';

jest.setTimeout(60_000);

const component = (
  name: string,
  spec: Record<string, unknown> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a', ...spec },
});

const HIDDEN = 'component:default/secret-service';

function sharedEvents(): EventsService {
  const subscribers: EventsServiceSubscribeOptions[] = [];
  const bus: EventsService = {
    async publish(params) {
      for (const subscriber of subscribers) {
        if (subscriber.topics.includes(params.topic))
          await subscriber.onEvent(params);
      }
    },
    async subscribe(options) {
      subscribers.push(options);
    },
  };
  return bus;
}
let sharedBus: EventsService | undefined;
const reader = mockCredentials.user.header('user:default/reader');

async function startBackend() {
  const publishDir = mkdtempSync(join(tmpdir(), 'techdocs-sections-module-'));
  for (const name of ['payments-api', 'legacy-payments', 'secret-service']) {
    buildDocsSite('payments-docs', {
      builtAt: new Date(),
      target: join(publishDir, 'default', 'component', name),
    });
  }
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const triggered: string[] = [];
  const publishedEvents: Array<(payload: object) => Promise<void>> = [];
  const backend = await startTestBackend({
    features: [
      techdocsPlugin,
      searchPlugin,
      searchModuleTechDocsSections,
      catalogServiceMock.factory({
        entities: [
          component('payments-api'),
          component('legacy-payments', { lifecycle: 'deprecated' }),
          component('secret-service'),
        ],
      }),
      // Readers see every entity but one, decided per entity as a conditional policy is.
      mockServices.permissions.mock({
        authorizeConditional: async requests =>
          requests.map(() => ({
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: { rule: 'HIDE_ONE', params: {} },
          })) as any,
        authorize: async requests =>
          requests.map(r => ({
            result:
              isResourcePermission(r.permission) &&
              (r as { resourceRef?: string }).resourceRef === HIDDEN
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
      }).factory,
      // Runs the index task when the test says so, and records what is triggered.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: { plugin: coreServices.pluginMetadata },
        factory({ plugin }): SchedulerService {
          const scheduleTask: SchedulerService['scheduleTask'] = async task => {
            tasks.set(`${plugin.getId()}/${task.id}`, task);
          };
          return {
            scheduleTask,
            createScheduledTaskRunner: () => ({ run: scheduleTask }),
            triggerTask: async id =>
              void triggered.push(`${plugin.getId()}/${id}`),
            cancelTask: async () => {},
            getScheduledTasks: async () => [],
          };
        },
      }),
      // One events bus for all plugins (the test backend's default gives each its own).
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => (sharedBus ??= sharedEvents()),
      }),
      // Publishes on the backend's events service, as the TechDocs prebuild does.
      createBackendModule({
        pluginId: 'techdocs',
        moduleId: 'test-publisher',
        register(reg) {
          reg.registerInit({
            deps: { events: eventsServiceRef },
            async init({ events }) {
              publishedEvents.push(eventPayload =>
                events.publish({
                  topic: TECHDOCS_PUBLISHED_TOPIC,
                  eventPayload,
                }),
              );
            },
          });
        },
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.example' },
          permission: { enabled: true },
          techdocs: {
            builder: 'external',
            publisher: {
              type: 'local',
              local: { publishDirectory: publishDir },
            },
          },
          search: { techdocsSections: { ownerStatusFrom: 'catalog' } },
        },
      }),
    ],
  });
  const index = async () =>
    tasks.get('search/search_index_techdocs')!.fn(new AbortController().signal);
  const query = (params: Record<string, string>) =>
    request(backend.server)
      .get('/api/search/query')
      .query({ 'types[0]': 'techdocs', ...params })
      .set('Authorization', reader);
  return {
    backend,
    index,
    query,
    triggered,
    publish: (payload: object) => publishedEvents[0](payload),
  };
}

describe('searchModuleTechDocsSections', () => {
  let started: Awaited<ReturnType<typeof startBackend>>;
  beforeAll(async () => {
    started = await startBackend();
    await started.index();
  });
  afterAll(() => started.backend.stop());

  it('lands a phrase from a runbook section on that section, with its trust fields', async () => {
    const res = await started.query({ term: 'rotate the api key' });
    expect(res.status).toBe(200);
    const [first] = res.body.results;
    expect(first.document).toMatchObject({
      title: 'Rotate the API key',
      location:
        '/docs/default/component/payments-api/runbook/#rotate-the-api-key',
      // The site's name, as TechDocs published it (the entity has no title).
      hierarchy: ['Payments API', 'Runbook', 'Rotate the API key'],
      owner: 'team-a',
      deprecated: false,
      stale: false,
    });
    // Only what a reader needs travels: no ranking fields, no authorization.
    expect(Object.keys(first.document)).not.toEqual(
      expect.arrayContaining(['phrases']),
    );
    expect(first.document.phrases).toBeUndefined();
    expect(first.document.authorization).toBeUndefined();
  });

  it('finds it with a typo too, and ranks the deprecated copy below the current one', async () => {
    const res = await started.query({ term: 'rotate api kee' });
    const names = res.body.results
      .filter((r: any) => r.document.anchor === 'rotate-the-api-key')
      .map((r: any) => r.document.name);
    expect(names).toEqual(['payments-api', 'legacy-payments']);
  });

  it('never shows a reader a section of an entity they cannot read', async () => {
    for (const term of ['settlement worker', 'rotate api key', 'payments']) {
      const res = await started.query({ term, pageLimit: '100' });
      expect(res.status).toBe(200);
      expect(res.body.results.length).toBeGreaterThan(0);
      expect(
        res.body.results.filter(
          (r: any) => r.document.name === 'secret-service',
        ),
      ).toEqual([]);
    }
  });

  it('answers the docs-search action with deep links, owner and trust, under the caller’s permissions', async () => {
    const res = await request(started.backend.server)
      .post(
        '/api/search/.backstage/actions/v1/actions/search:docs-search/invoke',
      )
      .set('Authorization', reader)
      .send({ query: 'restart settlement worker', limit: 25 });
    expect(res.status).toBe(200);
    const { results } = res.body.output;
    expect(results[0]).toMatchObject({
      title: 'Restart the settlement worker',
      link: 'http://portal.example/docs/default/component/payments-api/runbook/#restart-the-settlement-worker',
      entityRef: 'component:default/payments-api',
      owner: 'group:default/team-a',
      trust: {
        ownerExists: false,
        ownerIsActiveTeam: false,
        deprecated: false,
        stale: false,
      },
    });
    expect(results.some((r: any) => r.entityRef === HIDDEN)).toBe(false);
  });

  it('re-indexes as soon as TechDocs publishes an entity', async () => {
    await started.publish({
      entityRef: 'component:default/payments-api',
      kind: 'Component',
      publishedAt: new Date().toISOString(),
    });
    for (
      let waited = 0;
      !started.triggered.length && waited < 10_000;
      waited += 100
    ) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(started.triggered).toEqual(['search/search_index_techdocs']);
  });
});
