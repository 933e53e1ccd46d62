import { mockServices } from '@backstage/backend-test-utils';
import {
  LunrSearchEngine,
  TestPipeline,
} from '@backstage/plugin-search-backend-node';
import type { IndexableDocument } from '@backstage/plugin-search-common';
import {
  docsEntity,
  section,
  sectionRecords,
} from '../__testUtils__/sectionRecords';
import { createTechDocsSectionsTranslator } from './createTechDocsSectionsTranslator';

const platform = docsEntity('platform');
const payments = docsEntity('payments');

const page = (
  entity: ReturnType<typeof docsEntity>,
  location: string,
  sections: ReturnType<typeof section>[],
) => sectionRecords(entity, { location, title: location, sections });

// One topic per page: a page's first section also carries the whole page's text.
const records = [
  ...page(platform, 'teams/', [
    section('Team rota', 'Who is on call for the team this week.'),
    section('Team rituals', 'The team meets on Mondays.'),
  ]),
  ...page(platform, 'radar/', [
    section('Tech radar', 'Technologies we adopt, trial and hold.'),
  ]),
  ...page(platform, 'rollback/', [
    section('Rollback', 'Roll a release back with payctl rollback.'),
  ]),
  ...page(platform, 'workers/', [
    section(
      'Worker restarts',
      'Restart the worker after a deploy when the queue is stuck.',
    ),
  ]),
  ...page(platform, 'queues/', [
    section(
      'Queues',
      'The worker drains queues. Restarting a pod is rarely needed.',
    ),
  ]),
  ...page(platform, 'login/', [
    section('Keycloak login', 'Sign in through Keycloak.'),
  ]),
  ...page(platform, 'helm/', [
    section('Helm values files', 'Pass values files to helm.'),
  ]),
  ...page(payments, 'settlement/', [
    section('Settlement worker', 'Runs nightly.'),
    section('Ledger', 'The ledger is written by the settlement job.'),
  ]),
];

async function engineWith(
  documents: IndexableDocument[],
  type = 'techdocs',
): Promise<LunrSearchEngine> {
  const engine = new LunrSearchEngine({ logger: mockServices.logger.mock() });
  engine.setTranslator(createTechDocsSectionsTranslator());
  await TestPipeline.fromIndexer(await engine.getIndexer(type))
    .withDocuments(documents)
    .execute();
  return engine;
}

async function titles(engine: LunrSearchEngine, term: string, extra = {}) {
  const { results } = await engine.query({ term, ...extra });
  return results.map(r => r.document.title);
}

describe('createTechDocsSectionsTranslator', () => {
  let engine: LunrSearchEngine;
  beforeAll(async () => {
    engine = await engineWith(records);
  });

  describe('typo tolerance', () => {
    it('never turns a short word into another word: "tech" finds the tech radar, not the team', async () => {
      const found = await titles(engine, 'tech ');
      expect(found[0]).toBe('Tech radar');
      expect(found).not.toContain('Team rota');
      expect(found).not.toContain('Team rituals');
    });

    it('tolerates one typo in words of 5 to 8 letters', async () => {
      expect((await titles(engine, 'rollbak '))[0]).toBe('Rollback');
      expect((await titles(engine, 'helm valeus '))[0]).toBe(
        'Helm values files',
      );
    });

    it('tolerates two typos in words of 9 letters or more', async () => {
      expect((await titles(engine, 'keycloack '))[0]).toBe('Keycloak login');
      expect((await titles(engine, 'kaycloack '))[0]).toBe('Keycloak login');
    });

    it('tolerates no more than that', async () => {
      expect(await titles(engine, 'rolbakk ')).toEqual([]);
    });
  });

  describe('prefix matching', () => {
    it('matches the last word as a prefix while it is being typed', async () => {
      expect((await titles(engine, 'settlement wor'))[0]).toBe(
        'Settlement worker',
      );
      expect((await titles(engine, 'rollb'))[0]).toBe('Rollback');
    });

    it('stops once the word is complete (the query ends with a space)', async () => {
      expect((await titles(engine, 'keycl'))[0]).toBe('Keycloak login');
      expect(await titles(engine, 'keycl ')).toEqual([]);
    });

    it('does not match earlier words as prefixes', async () => {
      expect(await titles(engine, 'keycl helm')).toEqual(['Helm values files']);
    });
  });

  describe('field weights', () => {
    it('ranks a match in the section title above one in the text', async () => {
      const found = await titles(engine, 'settlement ');
      expect(found.slice(0, 2)).toEqual(['Settlement worker', 'Ledger']);
    });

    it('ranks adjacent words (the phrase) above the same words apart', async () => {
      const found = await titles(engine, 'restart worker ');
      expect(found.indexOf('Worker restarts')).toBeLessThan(
        found.indexOf('Queues'),
      );
      expect(found).toContain('Queues');
    });
  });

  it('applies filters as required words of their fields', async () => {
    const { results } = await engine.query({
      term: 'worker ',
      filters: { name: 'payments' },
    });
    expect(results[0].document.title).toBe('Settlement worker');
    // As with Lunr's default translator, a filter alone matches too: the entity's other
    // sections follow, never another entity's.
    expect(results.map(r => (r.document as any).name)).toEqual(
      results.map(() => 'payments'),
    );
  });

  it('ranks other document types by the same word rules', async () => {
    const catalog = await engineWith(
      [
        { title: 'team-radar', text: 'Team radar service', location: '/a' },
        { title: 'tech-docs', text: 'Tech docs service', location: '/b' },
      ],
      'software-catalog',
    );
    expect(await titles(catalog, 'tech ')).toEqual(['tech-docs']);
  });

  describe('trust', () => {
    const topic = [
      section(
        'Rotate the API key',
        'Rotate the key every 90 days with payctl.',
      ),
    ];
    const current = sectionRecords(docsEntity('current-service'), {
      location: 'keys/',
      title: 'Keys',
      sections: topic,
    });
    const deprecated = sectionRecords(
      docsEntity('legacy-service', { lifecycle: 'deprecated' }),
      { location: 'keys/', title: 'Keys', sections: topic },
    );
    const stale = sectionRecords(
      docsEntity('old-service'),
      { location: 'keys/', title: 'Keys', sections: topic },
      { builtAt: '2022-01-01T00:00:00.000Z' },
    );

    it('ranks deprecated and stale sections below current ones on the same topic, without hiding them', async () => {
      // The demoted ones first in the index, so that index order cannot explain the result.
      const trustEngine = await engineWith([
        ...deprecated,
        ...stale,
        ...current,
        ...records,
      ]);
      const { results } = await trustEngine.query({ term: 'rotate api key' });
      const names = results.map(r => (r.document as any).name);
      expect(names[0]).toBe('current-service');
      expect(names.slice(1, 3).sort()).toEqual([
        'legacy-service',
        'old-service',
      ]);
      expect(stale[0]).toMatchObject({ stale: true, deprecated: false });
      expect(deprecated[0]).toMatchObject({ stale: false, deprecated: true });
    });
  });
});
