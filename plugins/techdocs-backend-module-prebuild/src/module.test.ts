import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ENTITY_CHANGED_TOPIC,
  TECHDOCS_PUBLISHED_TOPIC,
} from '@runway/events-node';
import { techdocsModulePrebuild } from './module';

jest.setTimeout(30_000);

const entity = (name: string, techdocs: boolean): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: techdocs
      ? { 'backstage.io/techdocs-ref': 'dir:.' }
      : ({} as Record<string, string>),
  },
  spec: {},
});

async function eventually(condition: () => boolean) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise(r => setTimeout(r, 10));
  }
}

const backends: Array<{ stop(): Promise<void> }> = [];

/** A backend with the module, a fake TechDocs sync endpoint and one shared events service. */
async function startBackend(entities: Entity[], syncMs = 5) {
  const events = mockServices.events();
  const catalog = catalogServiceMock({ entities });
  // Tasks run only when a test triggers them: what is built, an event built.
  const scheduler = mockServices.scheduler();
  const synced: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let failNext = false;
  let attempts = 0;
  jest.spyOn(global, 'fetch').mockImplementation(async input => {
    const url = String(input);
    attempts += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise(r => setTimeout(r, syncMs));
    inFlight -= 1;
    if (failNext) {
      failNext = false;
      throw new Error('connection refused');
    }
    synced.push(url.replace(/^.*\/sync\//, ''));
    return new Response('event: finish\ndata: {"updated":true}\n\n');
  });
  const published: string[] = [];
  await events.subscribe({
    id: 'test',
    topics: [TECHDOCS_PUBLISHED_TOPIC],
    onEvent: async ({ eventPayload }) => {
      published.push((eventPayload as { entityRef: string }).entityRef);
    },
  });
  const backend = await startTestBackend({
    features: [
      techdocsModulePrebuild,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
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
          techdocs: {
            builder: 'local',
            prebuild: { onChange: { delay: { milliseconds: 200 } } },
          },
        },
      }),
    ],
  });
  backends.push(backend);
  const announce = (name: string, hash = 'h1') =>
    events.publish({
      topic: ENTITY_CHANGED_TOPIC,
      eventPayload: {
        entityRef: `component:default/${name}`,
        kind: 'Component',
        hash,
      },
    });
  return {
    backend,
    announce,
    catalog,
    scheduler,
    synced,
    published,
    stats: () => ({ maxInFlight, attempts }),
    failNextSync: () => {
      failNext = true;
    },
  };
}

describe('techdocsModulePrebuild on catalog changes', () => {
  afterEach(async () => {
    // Stopped here, so that a failed test does not leave its backend running into the next.
    await Promise.all(backends.splice(0).map(backend => backend.stop()));
    jest.restoreAllMocks();
  });

  it('builds a changed entity with docs once, and not one without a techdocs-ref', async () => {
    const t = await startBackend([entity('a', true), entity('no-docs', false)]);
    await t.announce('no-docs');
    await t.announce('a');
    await eventually(() => t.synced.length === 1);
    // The same content announced again (the catalog cleared its cache) is not rebuilt.
    await t.announce('a');
    // A later change that does need a build shows the repeat was skipped, not merely slow.
    await t.announce('a', 'h2');
    await eventually(() => t.synced.length === 2);
    expect(t.synced).toEqual(['default/component/a', 'default/component/a']);
    expect(t.published).toEqual(['component:default/a', 'component:default/a']);
  });

  it('builds a burst of changes as one batch, one entity at a time', async () => {
    const t = await startBackend(
      ['a', 'b', 'c', 'd'].map(name => entity(name, true)),
    );
    const byRefs = jest.spyOn(t.catalog, 'getEntitiesByRefs');
    // As the catalog announces them: one after the other, each in its own turn of the loop.
    for (const name of ['a', 'b', 'c', 'd']) {
      await t.announce(name);
      await new Promise(r => setImmediate(r));
    }
    await eventually(() => t.synced.length === 4);
    expect(byRefs).toHaveBeenCalledTimes(1);
    expect(byRefs.mock.calls[0][0].entityRefs).toEqual(
      ['a', 'b', 'c', 'd'].map(n => `component:default/${n}`),
    );
    expect(t.stats().maxInFlight).toBe(1);
  });

  it('never builds during the scheduled full pass', async () => {
    // Each build outlasts the batching delay: the batch is ready while the pass runs.
    const t = await startBackend(
      ['a', 'b', 'c'].map(name => entity(name, true)),
      300,
    );
    const pass = t.scheduler.triggerTask('techdocs-prebuild');
    await t.announce('a');
    await t.announce('b');
    await pass;
    await eventually(() => t.synced.length === 5);
    expect(t.stats().maxInFlight).toBe(1);
  });

  it('keeps building after a failed build, and tries the failed entity again', async () => {
    const t = await startBackend([entity('a', true), entity('b', true)]);
    t.failNextSync();
    await t.announce('a');
    await eventually(() => t.stats().attempts === 1);
    expect(t.synced).toEqual([]);
    expect(t.published).toEqual([]);
    await t.announce('b');
    await eventually(() => t.synced.length === 1);
    // Not remembered as handled: the same content announced again is built this time.
    await t.announce('a');
    await eventually(() => t.synced.length === 2);
    expect(t.synced).toEqual(['default/component/b', 'default/component/a']);
  });
});
