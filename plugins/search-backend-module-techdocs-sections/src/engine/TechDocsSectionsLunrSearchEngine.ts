import type { LoggerService } from '@backstage/backend-plugin-api';
import { LunrSearchEngine } from '@backstage/plugin-search-backend-node';
import type {
  IndexableResultSet,
  SearchQuery,
} from '@backstage/plugin-search-common';
import {
  createTechDocsSectionsTranslator,
  type SectionFieldWeights,
} from '../ranking/createTechDocsSectionsTranslator';
import {
  type SectionRankingFields,
  TECHDOCS_SECTIONS_DOCUMENT_TYPE,
} from '../types';
import { commonBodyWords } from './commonBodyWords';

/** A word in the text of more than this share of sections is matched in titles only. */
const COMMON_WORD_SHARE = 0.2;

/** Fields only the ranking reads; results leave them out. */
const RANKING_ONLY: ReadonlyArray<keyof SectionRankingFields> = [
  'keywords',
  'phrases',
  'textPhrases',
  'currentTitles',
  'pageText',
  'rankingMarker',
];

/**
 * Backstage's Lunr engine with the sections query translator. Two things only an engine
 * can do: after each rebuild of the sections index it notes the words that are in the text
 * of most sections, which the translator then matches in titles and keywords only (their
 * postings are what a query spends its time on, and they tell sections apart little); and it
 * answers section records without the fields that exist only for ranking (as large as the
 * text, and no reader needs them).
 *
 * @public
 */
export class TechDocsSectionsLunrSearchEngine extends LunrSearchEngine {
  #commonWords = new Set<string>();
  #commonWordsOf: unknown;

  constructor(options: {
    logger: LoggerService;
    fieldWeights?: Partial<SectionFieldWeights>;
  }) {
    super(options);
    this.setTranslator(
      createTechDocsSectionsTranslator({
        fieldWeights: options.fieldWeights,
        isCommonBodyWord: word => this.#commonWords.has(word),
      }),
    );
  }

  /** Lunr's query, ranked by the sections translator, with ranking-only fields left out. */
  async query(query: SearchQuery): Promise<IndexableResultSet> {
    const index = this.lunrIndices[TECHDOCS_SECTIONS_DOCUMENT_TYPE];
    if (index && index !== this.#commonWordsOf) {
      this.#commonWordsOf = index;
      this.#commonWords = commonBodyWords(index, COMMON_WORD_SHARE);
    }
    const resultSet = await super.query(query);
    return {
      ...resultSet,
      results: resultSet.results.map(result => {
        if (!('rankingMarker' in result.document)) return result;
        const document: Record<string, unknown> = { ...result.document };
        const fields = result.highlight
          ? { ...result.highlight.fields }
          : undefined;
        for (const field of RANKING_ONLY) {
          delete document[field];
          if (fields) delete fields[field];
        }
        return {
          ...result,
          document: document as typeof result.document,
          ...(result.highlight && fields
            ? { highlight: { ...result.highlight, fields } }
            : {}),
        };
      }),
    };
  }
}
