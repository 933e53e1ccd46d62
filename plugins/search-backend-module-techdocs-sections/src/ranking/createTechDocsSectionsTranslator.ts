import type { LunrQueryTranslator } from '@backstage/plugin-search-backend-node';
import type { SearchQuery } from '@backstage/plugin-search-common';
import type { JsonValue } from '@backstage/types';
import lunr from 'lunr';
import { isStopWord, stem, wordsOf } from './analyzeText';
import { planQuery, type QueryPlan } from './planQuery';
import { RANKING_MARKER } from './rankingMarker';

/**
 * How much a match in each field of a section record counts, relative to a match in the
 * section's title (1).
 *
 * @public
 */
export type SectionFieldWeights = {
  title: number;
  keywords: number;
  /** The trust boost: title, headings and keywords of sections neither deprecated nor stale. */
  currentTitles: number;
  phrases: number;
  textPhrases: number;
  headings: number;
  text: number;
  /** The whole page's text, on its first section. */
  pageText: number;
};

/**
 * The default field weights: section title above acronyms, phrases and the trust boost,
 * above the page title and enclosing headings, above body text.
 *
 * @public
 */
export const DEFAULT_SECTION_FIELD_WEIGHTS: SectionFieldWeights = {
  title: 1,
  keywords: 0.8,
  currentTitles: 0.8,
  phrases: 1,
  textPhrases: 0.5,
  headings: 0.4,
  text: 0.7,
  pageText: 0.3,
};

/** Boosts of the clause kinds, relative to each other inside one field. */
const BOOST = { exact: 10, compound: 14, prefix: 4, fuzzy: 10, phrase: 10 };

const TERM_FIELDS = [
  'title',
  'keywords',
  'currentTitles',
  'headings',
  'text',
  'pageText',
] as const;
/** Where a word that is in the text of most sections is still matched. */
const TITLE_FIELDS = ['title', 'keywords', 'currentTitles'] as const;
const COMPOUND_FIELDS = ['title', 'currentTitles', 'headings'] as const;

type Clause = {
  fields: string[];
  boost: number;
  usePipeline: boolean;
  editDistance?: number;
  wildcard?: number;
  presence?: number;
};

/**
 * Lunr scores each field as the cosine of the query's and the document's vectors for that
 * field, divided by the length of the query's vector, so a boost that every clause of a field
 * shares cancels out: boosting a field cannot make it count more. What does change a field's
 * share is its query vector's length. So each field weighted below 1 also gets a clause for
 * a word that is in the index but never in that field (the ranking marker), whose boost
 * lengthens the vector just enough that the field's contribution is multiplied by its
 * weight. (Terms of the query that are in no document add nothing to the vector; the weights
 * are exact when every term is in the index and close otherwise.)
 */
function addSectionClauses(
  query: lunr.Query,
  plan: QueryPlan,
  weights: SectionFieldWeights,
  isCommonBodyWord: (stemmedWord: string) => boolean,
) {
  const present = new Set(query.allFields);
  const squaredBoosts = new Map<string, number>();
  const add = (term: string, clause: Clause) => {
    const fields = clause.fields.filter(field => present.has(field));
    if (!fields.length) return;
    query.term(term, { ...clause, fields });
    for (const field of fields) {
      squaredBoosts.set(
        field,
        (squaredBoosts.get(field) ?? 0) + clause.boost * clause.boost,
      );
    }
  };

  for (const term of plan.terms) {
    const fields: string[] = isCommonBodyWord(stem(term.word))
      ? [...TITLE_FIELDS]
      : [...TERM_FIELDS];
    add(term.word, {
      fields,
      boost: BOOST.exact,
      usePipeline: true,
    });
    if (term.editDistance > 0) {
      add(term.word, {
        fields,
        boost: BOOST.fuzzy,
        usePipeline: true,
        editDistance: term.editDistance,
      });
    }
    if (term.prefix) {
      add(term.word, {
        fields,
        boost: BOOST.prefix,
        usePipeline: false,
        wildcard: lunr.Query.wildcard.TRAILING,
      });
    }
  }
  for (const phrase of plan.phrases) {
    add(phrase, {
      fields: ['phrases', 'textPhrases'],
      boost: BOOST.phrase,
      usePipeline: true,
    });
  }
  for (const compound of plan.compounds) {
    add(compound, {
      fields: [...COMPOUND_FIELDS],
      boost: BOOST.compound,
      usePipeline: true,
    });
  }

  for (const [field, squared] of squaredBoosts) {
    const weight = weights[field as keyof SectionFieldWeights] ?? 1;
    if (weight >= 1 || weight <= 0) continue;
    query.term(RANKING_MARKER, {
      fields: [field],
      boost: Math.sqrt(squared * (1 / (weight * weight) - 1)),
      usePipeline: true,
    });
  }
}

/** Indexes of other document types get the same word rules over all their fields. */
function addGenericClauses(query: lunr.Query, plan: QueryPlan) {
  for (const term of plan.terms) {
    query.term(term.word, { boost: BOOST.exact, usePipeline: true });
    if (term.editDistance > 0) {
      query.term(term.word, {
        boost: BOOST.fuzzy,
        usePipeline: true,
        editDistance: term.editDistance,
      });
    }
    if (term.prefix) {
      query.term(term.word, {
        boost: BOOST.prefix,
        usePipeline: false,
        wildcard: lunr.Query.wildcard.TRAILING,
      });
    }
  }
}

/**
 * Filters as Backstage's default Lunr translator applies them: each word of a scalar value
 * is required in the field. A field the index does not have makes Lunr's engine skip that
 * index (it recognises the message), as it does with the default translator.
 */
function addFilters(query: lunr.Query, filters: SearchQuery['filters']) {
  for (const [field, raw] of Object.entries(filters ?? {})) {
    if (!query.allFields.includes(field)) {
      throw new Error(`unrecognised field ${field}`);
    }
    const value: JsonValue | undefined =
      Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      for (const word of wordsOf(String(value))) {
        if (isStopWord(word)) continue;
        query.term(word, {
          fields: [field],
          presence: lunr.Query.presence.REQUIRED,
          usePipeline: true,
        });
      }
    } else if (Array.isArray(value)) {
      // Any of several values: Lunr cannot require one of a set, so they rank, not filter
      // (as with the default translator).
      for (const item of value) {
        for (const word of wordsOf(String(item))) {
          query.term(word, { fields: [field], usePipeline: true });
        }
      }
    }
  }
}

/**
 * A Lunr query translator for TechDocs section records (and decent for every other
 * document type): field weights, a phrase boost, prefix matching of the last word, typo
 * tolerance that grows with word length, and trust-aware demotion of deprecated and stale
 * sections. Install it with `LunrSearchEngine.setTranslator`; this package's backend module
 * does that itself.
 *
 * @public
 */
export function createTechDocsSectionsTranslator(options?: {
  fieldWeights?: Partial<SectionFieldWeights>;
  /**
   * Words (stemmed, as indexed) to match in titles and keywords only, e.g. words in the text
   * of most sections ({@link TechDocsSectionsLunrSearchEngine} finds them). Default: none.
   */
  isCommonBodyWord?: (stemmedWord: string) => boolean;
}): LunrQueryTranslator {
  const isCommonBodyWord = options?.isCommonBodyWord ?? (() => false);
  const weights = {
    ...DEFAULT_SECTION_FIELD_WEIGHTS,
    ...options?.fieldWeights,
  };
  return query => {
    const plan = planQuery(query.term ?? '');
    return {
      lunrQueryBuilder: q => {
        if (q.allFields.includes('rankingMarker')) {
          addSectionClauses(q, plan, weights, isCommonBodyWord);
        } else {
          addGenericClauses(q, plan);
        }
        addFilters(q, query.filters);
      },
      documentTypes: query.types,
      pageSize: query.pageLimit || 25,
    };
  };
}
