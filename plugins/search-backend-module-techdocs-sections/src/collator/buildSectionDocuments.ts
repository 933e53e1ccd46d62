import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  definedAcronyms,
  phrasesOf,
  titleAcronyms,
} from '../ranking/analyzeText';
import { RANKING_MARKER } from '../ranking/rankingMarker';
import type { OwnerStatus } from '../trust/OwnerStatusResolver';
import type { TechDocsSectionDocument } from '../types';
import { anchorFragment } from './safePagePath';
import type { DocsSiteName } from './TechDocsSiteReader';
import type { SplitPage } from './splitSections';

/** Phrase tokens kept per section: enough for its title and the start of long text. */
const MAX_PHRASES = 400;
/** Characters of a page kept for its first section's `pageText`. */
const MAX_PAGE_TEXT = 30_000;

/** Everything about an entity that goes into each of its section records. */
export type EntityDocsContext = {
  entity: Entity;
  /** The entity's name in the docs URL (lower-cased unless legacy casing is on). */
  site: DocsSiteName;
  siteName: string;
  ownerRef: string;
  owner: string;
  ownerStatus: OwnerStatus;
  /** When TechDocs built the site (ISO 8601), the last update of pages that do not say. */
  builtAt?: string;
  indexedAt: string;
};

/** How section records are written. */
export type SectionDocumentOptions = {
  /** Like the stock collator's, e.g. `/docs/:namespace/:kind/:name/:path`. */
  locationTemplate: string;
  staleAfterMs: number;
  now: Date;
};

function applyLocationTemplate(
  template: string,
  args: Record<string, string>,
): string {
  let location = template;
  for (const [key, value] of Object.entries(args)) {
    location = location.replace(`:${key}`, value);
  }
  return location;
}

/** Drops empty entries and an entry equal to the one before it (a page titled as its h1). */
function compact(titles: string[]): string[] {
  return titles.filter((title, index) => title && title !== titles[index - 1]);
}

/** One record per section of a page; every record has every field (Lunr's fields come from the first). */
export function buildSectionDocuments(
  context: EntityDocsContext,
  page: { location: string; title: string; split: SplitPage },
  options: SectionDocumentOptions,
): TechDocsSectionDocument[] {
  const { entity, site } = context;
  const lifecycle =
    typeof entity.spec?.lifecycle === 'string' ? entity.spec.lifecycle : '';
  const type =
    typeof entity.spec?.type === 'string' && entity.spec.type
      ? entity.spec.type
      : 'other';
  const system =
    typeof entity.spec?.system === 'string' ? entity.spec.system : '';
  const deprecated = lifecycle.toLocaleLowerCase('en-US') === 'deprecated';
  const lastUpdated = page.split.lastUpdated ?? context.builtAt ?? '';
  const stale =
    lastUpdated !== '' &&
    options.now.getTime() - Date.parse(lastUpdated) > options.staleAfterMs;
  const firstHeading = page.split.sections.find(s => s.level > 0)?.title;
  const pageTitle = page.title || firstHeading || context.siteName;
  const pageAcronyms = titleAcronyms(pageTitle);
  // The whole page, on its first section: the evidence a page-level record would have,
  // without a second record for the same text.
  const pageText = page.split.sections
    .map(s => `${s.title} ${s.text}`)
    .join(' ')
    .slice(0, MAX_PAGE_TEXT);
  const pageKeywords = [
    ...(pageAcronyms.whole ? [pageAcronyms.whole] : []),
    ...pageAcronyms.parts,
  ];

  return page.split.sections.map((section, index) => {
    const title = section.title || pageTitle;
    // The page title is part of every section's headings, the first section's too: a
    // match in the page title then counts the same for each of its sections.
    const headings = compact([pageTitle, ...section.ancestors]);
    // The acronym of the whole title counts twice: "SSA" is about "Server-Side Apply"
    // more than about "Server-Side Apply support for Argo CD". The page's acronyms go
    // to its first section only, so that an acronym leads to the page, not to each part.
    const own = titleAcronyms(title);
    const others = new Set([
      ...own.parts,
      ...(index === 0 ? pageKeywords : []),
      ...definedAcronyms(section.text),
    ]);
    if (own.whole) others.delete(own.whole);
    const keywords = [
      ...(own.whole ? [own.whole, own.whole] : []),
      ...others,
    ].join(' ');
    const headingText = headings.join(' ');
    const path = `${page.location}${anchorFragment(section.anchor)}`;
    return {
      title,
      text: section.text,
      location: applyLocationTemplate(options.locationTemplate, {
        ...site,
        path,
      }),
      authorization: { resourceRef: stringifyEntityRef(entity) },
      kind: site.kind,
      namespace: site.namespace,
      name: site.name,
      entityTitle: entity.metadata.title ?? '',
      componentType: type,
      type,
      lifecycle,
      owner: context.owner,
      ownerRef: context.ownerRef,
      system,
      path,
      pageTitle,
      anchor: section.anchor,
      hierarchy: compact([
        context.siteName,
        pageTitle,
        ...section.ancestors,
        title,
      ]),
      indexedAt: context.indexedAt,
      ownerExists: context.ownerStatus.ownerExists,
      ownerIsActiveTeam: context.ownerStatus.ownerIsActiveTeam,
      ownerStatusSource: context.ownerStatus.source,
      deprecated,
      stale,
      lastUpdated,
      headings: headingText,
      keywords,
      phrases: phrasesOf(title, MAX_PHRASES),
      textPhrases: phrasesOf(section.text, MAX_PHRASES),
      currentTitles: deprecated || stale ? '' : `${title} ${keywords}`,
      pageText: index === 0 ? pageText : '',
      rankingMarker: RANKING_MARKER,
    };
  });
}
