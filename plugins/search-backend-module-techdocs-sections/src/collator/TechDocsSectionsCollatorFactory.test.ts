import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDocsSite } from '../__testUtils__/buildDocsSite';
import {
  fakeTechDocsFetch,
  TECHDOCS_BASE_URL,
} from '../__testUtils__/fakeTechDocsFetch';
import type { TechDocsSectionDocument } from '../types';
import { TechDocsSectionsCollatorFactory } from './TechDocsSectionsCollatorFactory';

const NOW = new Date('2025-06-01T00:00:00.000Z');

function component(name: string, spec: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: name === 'payments-api' ? 'Payments API' : undefined,
      annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'team-payments',
      system: 'payments',
      ...spec,
    },
  };
}

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [{ type: 'hasMember', targetRef: 'user:default/alice' }],
};

function setUp(options: {
  entities: Entity[];
  sites: Record<string, { builtAt: Date; etag?: string }>;
}) {
  const publishDir = mkdtempSync(join(tmpdir(), 'techdocs-sections-publish-'));
  const publish = (name: string, site: { builtAt: Date; etag?: string }) =>
    buildDocsSite('payments-docs', {
      ...site,
      target: join(publishDir, 'default', 'component', name),
    });
  for (const [name, site] of Object.entries(options.sites)) publish(name, site);
  const techdocs = fakeTechDocsFetch(publishDir);
  const factory = new TechDocsSectionsCollatorFactory({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => TECHDOCS_BASE_URL,
    }),
    auth: mockServices.auth(),
    catalog: catalogServiceMock({ entities: [team, ...options.entities] }),
    logger: mockServices.logger.mock(),
    fetch: techdocs.fetch,
    now: () => NOW,
    staleAfter: { days: 90 },
  });
  const collate = async () => {
    const documents: TechDocsSectionDocument[] = [];
    for await (const document of await factory.getCollator()) {
      documents.push(document);
    }
    return documents;
  };
  return { factory, collate, publish, publishDir, requests: techdocs.requests };
}

describe('TechDocsSectionsCollatorFactory', () => {
  it('writes one record per section of real mkdocs output, none for a whole page', async () => {
    const { collate } = setUp({
      entities: [component('payments-api')],
      sites: { 'payments-api': { builtAt: new Date('2025-05-20T00:00:00Z') } },
    });
    const documents = await collate();
    expect(documents.map(d => d.location)).toEqual([
      '/docs/default/component/payments-api/#payments-api',
      '/docs/default/component/payments-api/#architecture',
      '/docs/default/component/payments-api/#tech-radar',
      '/docs/default/component/payments-api/runbook/#runbook',
      '/docs/default/component/payments-api/runbook/#rotate-the-api-key',
      '/docs/default/component/payments-api/runbook/#restart-the-settlement-worker',
      '/docs/default/component/payments-api/runbook/#symptoms',
      '/docs/default/component/payments-api/runbook/#fix',
    ]);
    expect(new Set(documents.map(d => d.location)).size).toBe(documents.length);
  });

  it('gives each record its hierarchy, text with code, and the entity and trust fields', async () => {
    const { collate } = setUp({
      entities: [component('payments-api')],
      sites: { 'payments-api': { builtAt: new Date('2025-05-20T00:00:00Z') } },
    });
    const fix = (await collate()).find(d => d.anchor === 'fix')!;
    expect(fix).toMatchObject({
      title: 'Fix',
      text: 'Run kubectl rollout restart deployment/settlement-worker. Dashboard',
      hierarchy: [
        'Payments API',
        'Runbook',
        'Restart the settlement worker',
        'Fix',
      ],
      pageTitle: 'Runbook',
      path: 'runbook/#fix',
      authorization: { resourceRef: 'component:default/payments-api' },
      kind: 'component',
      namespace: 'default',
      name: 'payments-api',
      entityTitle: 'Payments API',
      type: 'service',
      componentType: 'service',
      lifecycle: 'production',
      owner: 'team-payments',
      ownerRef: 'group:default/team-payments',
      system: 'payments',
      ownerExists: true,
      ownerIsActiveTeam: true,
      ownerStatusSource: 'catalog',
      deprecated: false,
      stale: false,
      lastUpdated: '2025-05-20T00:00:00.000Z',
      indexedAt: NOW.toISOString(),
    });
  });

  it('flags deprecated entities, stale pages and owners that do not exist', async () => {
    const { collate } = setUp({
      entities: [
        component('legacy', { lifecycle: 'deprecated' }),
        component('old', { owner: 'team-gone' }),
      ],
      sites: {
        legacy: { builtAt: new Date('2025-05-20T00:00:00Z') },
        old: { builtAt: new Date('2024-01-01T00:00:00Z') },
      },
    });
    const documents = await collate();
    const of = (name: string) => documents.filter(d => d.name === name);
    expect(of('legacy').every(d => d.deprecated && !d.stale)).toBe(true);
    expect(
      of('old').every(
        d => d.stale && !d.deprecated && !d.ownerExists && !d.ownerIsActiveTeam,
      ),
    ).toBe(true);
    // Demoted records carry no trust boost.
    expect(documents.every(d => d.currentTitles === '')).toBe(true);
  });

  it('reads a site again only when TechDocs published a new version or it was invalidated', async () => {
    const { collate, factory, publish, requests } = setUp({
      entities: [component('payments-api')],
      sites: { 'payments-api': { builtAt: new Date('2025-05-20T00:00:00Z') } },
    });
    const pageReads = () =>
      requests.filter(r => r.startsWith('static/')).length;
    const metadataReads = () =>
      requests.filter(r => r.startsWith('metadata/')).length;
    const first = await collate();
    // The search index and the two pages.
    const afterFirst = pageReads();
    expect(afterFirst).toBe(3);

    expect(await collate()).toEqual(first);
    // The second crawl asked for the metadata only.
    expect(pageReads()).toBe(afterFirst);
    expect(metadataReads()).toBe(2);

    factory.invalidate('component:default/payments-api');
    await collate();
    expect(pageReads() - afterFirst).toBe(afterFirst);

    const beforeRepublish = pageReads();
    publish('payments-api', { builtAt: new Date('2025-05-30T00:00:00Z') });
    const republished = await collate();
    expect(pageReads() - beforeRepublish).toBe(afterFirst);
    expect(republished[0].lastUpdated).toBe('2025-05-30T00:00:00.000Z');
    expect(factory.getIndexFreshness()).toEqual({
      lastCrawlStartedAt: NOW.toISOString(),
      lastCrawlCompletedAt: NOW.toISOString(),
      entities: 1,
      sections: first.length,
    });
  });

  it('skips entities without published docs', async () => {
    const { collate } = setUp({
      entities: [component('payments-api'), component('undocumented')],
      sites: { 'payments-api': { builtAt: new Date('2025-05-20T00:00:00Z') } },
    });
    expect(new Set((await collate()).map(d => d.name))).toEqual(
      new Set(['payments-api']),
    );
  });

  it('never links to or fetches a page whose search-index location is not a safe relative path', async () => {
    const { collate, publishDir, requests } = setUp({
      entities: [component('payments-api')],
      sites: { 'payments-api': { builtAt: new Date('2025-05-20T00:00:00Z') } },
    });
    writeFileSync(
      join(
        publishDir,
        'default/component/payments-api/search/search_index.json',
      ),
      JSON.stringify({
        docs: [
          // eslint-disable-next-line no-script-url
          { location: 'javascript:alert(1)', title: 'x' },
          { location: '../other/', title: 'x' },
          { location: '//evil.example/', title: 'x' },
          { location: 'runbook/', title: 'Runbook' },
        ],
      }),
    );
    const documents = await collate();
    expect(new Set(documents.map(d => d.pageTitle))).toEqual(
      new Set(['Runbook']),
    );
    expect(
      requests.some(r => r.includes('javascript') || r.includes('..')),
    ).toBe(false);
  });
});
