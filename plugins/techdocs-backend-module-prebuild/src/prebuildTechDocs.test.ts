import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { prebuildTechDocs } from './prebuildTechDocs';

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

describe('prebuildTechDocs', () => {
  it('syncs each entity with TechDocs, one at a time, and reports failures', async () => {
    const calls: string[] = [];
    let inFlight = 0;
    const fetchFn = jest.fn(async (url: string) => {
      inFlight += 1;
      expect(inFlight).toBe(1);
      calls.push(url);
      await new Promise(r => setTimeout(r, 5));
      inFlight -= 1;
      const failed = url.endsWith('/broken');
      return new Response(
        failed
          ? 'event: error\ndata: "mkdocs failed"\n\n'
          : 'event: finish\ndata: {}\n\n',
      );
    });

    const result = await prebuildTechDocs({
      catalog: catalogServiceMock({
        entities: [
          entity('a', true),
          entity('no-docs', false),
          entity('broken', true),
        ],
      }),
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      logger: mockServices.logger.mock(),
      fetchFn: fetchFn as unknown as typeof fetch,
    });

    expect(calls.map(u => u.replace(/^.*\/sync\//, ''))).toEqual([
      'default/component/a',
      'default/component/broken',
    ]);
    expect(result).toEqual({
      built: 1,
      failed: ['component:default/broken'],
      missing: [],
    });
  });

  it('announces the docs it built anew, not those that were up to date or failed', async () => {
    const stream: Record<string, string> = {
      fresh:
        'event: log\ndata: "building"\n\nevent: finish\ndata: {"updated":true}\n\n',
      current: 'event: finish\ndata: {"updated":false}\n\n',
      broken: 'event: error\ndata: "mkdocs failed"\n\n',
    };
    const fetchFn = jest.fn(
      async (url: string) => new Response(stream[url.split('/').pop()!]),
    );
    const published: Array<{ entityRef: string; kind: string }> = [];

    await prebuildTechDocs({
      catalog: catalogServiceMock({
        entities: ['fresh', 'current', 'broken'].map(n => entity(n, true)),
      }),
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      logger: mockServices.logger.mock(),
      fetchFn: fetchFn as unknown as typeof fetch,
      onPublished: async e => {
        published.push(e);
      },
    });

    expect(published).toEqual([
      { entityRef: 'component:default/fresh', kind: 'Component' },
    ]);
  });

  it('syncs only the given entities that have TechDocs, and names those not in the catalog', async () => {
    const calls: string[] = [];
    const fetchFn = jest.fn(async (url: string) => {
      calls.push(url.replace(/^.*\/sync\//, ''));
      return new Response('event: finish\ndata: {}\n\n');
    });

    const result = await prebuildTechDocs({
      catalog: catalogServiceMock({
        entities: [
          entity('a', true),
          entity('b', true),
          entity('plain', false),
        ],
      }),
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      logger: mockServices.logger.mock(),
      fetchFn: fetchFn as unknown as typeof fetch,
      entityRefs: [
        'component:default/b',
        'component:default/plain',
        'component:default/not-yet',
        'component:default/b',
      ],
    });

    expect(calls).toEqual(['default/component/b']);
    expect(result).toEqual({
      built: 1,
      failed: [],
      missing: ['component:default/not-yet'],
    });
  });
});
