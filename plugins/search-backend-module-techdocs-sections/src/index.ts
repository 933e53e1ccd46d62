/**
 * TechDocs search, one record per section: a search backend module with a collator that
 * splits rendered TechDocs pages at their headings and adds owner and freshness trust
 * fields, a Lunr query translator that ranks them, and re-indexing on publish.
 *
 * @packageDocumentation
 */
export { searchModuleTechDocsSections as default } from './module';
export {
  TechDocsSectionsCollatorFactory,
  type TechDocsSectionsCollatorFactoryOptions,
  type TechDocsSectionsIndexFreshness,
} from './collator/TechDocsSectionsCollatorFactory';
export {
  createTechDocsSectionsTranslator,
  DEFAULT_SECTION_FIELD_WEIGHTS,
  type SectionFieldWeights,
} from './ranking/createTechDocsSectionsTranslator';
export { typoToleranceOf } from './ranking/planQuery';
export { TechDocsSectionsLunrSearchEngine } from './engine/TechDocsSectionsLunrSearchEngine';
export type {
  OwnerStatus,
  OwnerStatusResolver,
} from './trust/OwnerStatusResolver';
export {
  TECHDOCS_SECTIONS_DOCUMENT_TYPE,
  type OwnerStatusSource,
  type SectionRankingFields,
  type SectionTrustFields,
  type TechDocsSectionDocument,
  type TechDocsSectionResultDocument,
} from './types';
