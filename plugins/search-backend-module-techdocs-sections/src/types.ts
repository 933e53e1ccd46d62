import type { IndexableDocument } from '@backstage/plugin-search-common';

/**
 * The search document type of TechDocs sections. It is the stock TechDocs collator's type,
 * so the TechDocs result list item and the search bar inside TechDocs (which filters on
 * `kind`, `namespace` and `name`) keep working on sections.
 *
 * @public
 */
export const TECHDOCS_SECTIONS_DOCUMENT_TYPE = 'techdocs';

/**
 * Where a record's owner status came from: the compliance plugin's last evaluation of the
 * entity, or the catalog read by the collator itself.
 *
 * @public
 */
export type OwnerStatusSource = 'compliance' | 'catalog';

/**
 * What a reader needs to decide whether to trust a section, on every record.
 *
 * @public
 */
export type SectionTrustFields = {
  /** The owner the entity names resolves to an entity in the catalog. */
  ownerExists: boolean;
  /** The owner is a Group with members (for the compliance plugin: its ownership checks pass). */
  ownerIsActiveTeam: boolean;
  /** The entity's `spec.lifecycle` is `deprecated`. */
  deprecated: boolean;
  /** The page was last updated longer ago than `search.techdocsSections.staleAfter`. */
  stale: boolean;
  /** When the page was last updated (ISO 8601), or `''` when TechDocs does not say. */
  lastUpdated: string;
  /** Where `ownerExists` and `ownerIsActiveTeam` came from. */
  ownerStatusSource: OwnerStatusSource;
};

/**
 * Fields that exist only so that the query translator can rank: they repeat what the
 * display fields hold in the shape Lunr needs (see the package README, "Ranking").
 *
 * @public
 */
export type SectionRankingFields = {
  /** The page title and the headings above the section, space separated. */
  headings: string;
  /** Acronyms of the section and page titles (`Server-Side Apply` gives `ssa`), and ones the text defines. */
  keywords: string;
  /** Adjacent word pairs of the title (stemmed; not two stop words), for the phrase boost. */
  phrases: string[];
  /** Adjacent word pairs of the text, likewise (up to 400). */
  textPhrases: string[];
  /** Title and keywords again, only for sections that are neither deprecated nor stale. */
  currentTitles: string;
  /**
   * On a page's first section only, the text of the whole page: a question whose words are
   * spread over a page's sections then finds the page.
   */
  pageText: string;
  /** The same token in every section record; tells the translator that an index holds sections. */
  rankingMarker: string;
};

/**
 * One record per section (heading) of a TechDocs page. The fields of the stock TechDocs
 * document (`kind`, `namespace`, `name`, `lifecycle`, `owner`, `path`, `entityTitle`,
 * `componentType`) mean what they mean there; `title` and `text` are the section's.
 *
 * @public
 */
export type TechDocsSectionDocument = IndexableDocument &
  SectionTrustFields &
  SectionRankingFields & {
    /** The section's heading; for the part of a page before its first subheading, the page title. */
    title: string;
    /** The section's own text (HTML stripped, code kept), up to the next heading of any level. */
    text: string;
    /** A link to the section: the TechDocs page with the heading's anchor. */
    location: string;
    /** Always set: the entity whose docs these are, for the search backend's permission filtering. */
    authorization: { resourceRef: string };
    kind: string;
    namespace: string;
    name: string;
    entityTitle: string;
    /** The entity's `spec.type`, or `other`. */
    componentType: string;
    /** The entity's `spec.type`, or `other`. */
    type: string;
    lifecycle: string;
    /** The owner's name, as the stock collator gives it. */
    owner: string;
    /** The owner's full entity ref, or `''` when the entity names none. */
    ownerRef: string;
    /** The entity's `spec.system` as written, or `''`. */
    system: string;
    /** The page path inside the docs site and the anchor, e.g. `runbook/#restart`. */
    path: string;
    /** The page's title. */
    pageTitle: string;
    /** The heading's anchor (its `id`), or `''` for the part before the page's first subheading. */
    anchor: string;
    /** Site › page › heading › subheading, from the docs site's name to this section's title. */
    hierarchy: string[];
    /** When the collator read this entity's published docs (ISO 8601): the index's freshness. */
    indexedAt: string;
  };

/**
 * A section as search results carry it: the search backend drops `authorization`, and
 * {@link TechDocsSectionsLunrSearchEngine} the fields that only ranking reads (`headings`
 * stays, for display).
 *
 * @public
 */
export type TechDocsSectionResultDocument = Omit<
  TechDocsSectionDocument,
  | 'authorization'
  | 'keywords'
  | 'phrases'
  | 'textPhrases'
  | 'currentTitles'
  | 'pageText'
  | 'rankingMarker'
>;
