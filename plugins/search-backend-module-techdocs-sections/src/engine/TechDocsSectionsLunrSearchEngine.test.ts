import { mockServices } from '@backstage/backend-test-utils';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import {
  docsEntity,
  section,
  sectionRecords,
} from '../__testUtils__/sectionRecords';
import { TechDocsSectionsLunrSearchEngine } from './TechDocsSectionsLunrSearchEngine';

async function engineWith(
  sections: Array<ReturnType<typeof section>>,
): Promise<TechDocsSectionsLunrSearchEngine> {
  const engine = new TechDocsSectionsLunrSearchEngine({
    logger: mockServices.logger.mock(),
  });
  const documents = sections.flatMap((s, i) =>
    sectionRecords(docsEntity('argo'), {
      location: `page-${i}/`,
      title: `Page ${i}`,
      sections: [s],
    }),
  );
  await TestPipeline.fromIndexer(await engine.getIndexer('techdocs'))
    .withDocuments(documents)
    .execute();
  return engine;
}

describe('TechDocsSectionsLunrSearchEngine', () => {
  it('answers records without the fields only ranking reads', async () => {
    const engine = await engineWith([
      section('Rotate the API key', 'Rotate it every 90 days.'),
    ]);
    const { results } = await engine.query({ term: 'rotate' });
    expect(results).toHaveLength(1);
    const document: Record<string, unknown> = { ...results[0].document };
    expect(document).toMatchObject({
      title: 'Rotate the API key',
      headings: 'Page 0',
    });
    for (const field of [
      'keywords',
      'phrases',
      'textPhrases',
      'currentTitles',
      'pageText',
      'rankingMarker',
    ]) {
      expect(document).not.toHaveProperty(field);
      expect(results[0].highlight?.fields).not.toHaveProperty(field);
    }
  });

  it('matches a word that is in the text of most sections in titles only', async () => {
    const engine = await engineWith([
      section('Argo overview', 'What argo does.'),
      section('Install', 'Install argo with helm.'),
      section('Upgrade', 'Upgrade argo in place.'),
      section('Backup', 'Back argo up nightly.'),
      section('Restore', 'Restore argo from the backup.'),
      section('Scale', 'Scale argo out.'),
      section('Monitor', 'Watch argo metrics.'),
      section('Debug', 'Read the argo logs.'),
    ]);
    const titles = async (term: string) =>
      (await engine.query({ term })).results.map(r => r.document.title);
    // "argo" is in every section's text: only the title that has it counts.
    expect(await titles('argo ')).toEqual(['Argo overview']);
    // A word in one section of eight is still found in the text.
    expect(await titles('helm ')).toEqual(['Install']);
  });
});
