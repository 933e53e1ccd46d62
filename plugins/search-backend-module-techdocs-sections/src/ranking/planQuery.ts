import { isStopWord, phraseToken, stem, wordsOf } from './analyzeText';

/** One word of a query and how loosely it may match. */
export type PlannedTerm = {
  /** The word as typed, lower-cased. */
  word: string;
  /** How many typos (Lunr edit distance) it tolerates: see {@link typoToleranceOf}. */
  editDistance: 0 | 1 | 2;
  /** Whether it also matches as the beginning of a longer word (search as you type). */
  prefix: boolean;
};

/** What a query asks for, before it is turned into Lunr clauses. */
export type QueryPlan = {
  terms: PlannedTerm[];
  /** Adjacent word pairs, as the collator's phrase tokens. */
  phrases: string[];
  /** Adjacent word pairs written as one word ("sealed secret" also finds "SealedSecret"). */
  compounds: string[];
};

/** A question or a pasted error message may be long; clauses beyond this add cost, not relevance. */
const MAX_TERMS = 16;
/** A prefix shorter than this expands to too many words to mean anything. */
const MIN_PREFIX_LENGTH = 3;

/**
 * How many typos a word tolerates, growing with its length so that short words never turn
 * into other words: "tech" is two edits from "team", so words of up to 4 letters must match
 * exactly; 5–8 letters tolerate one typo ("rollbak"), 9 and more two ("keycloack" is one).
 * Words with digits (versions, ports, error codes) match exactly.
 *
 * @public
 */
export function typoToleranceOf(word: string): 0 | 1 | 2 {
  if (/\p{N}/u.test(word)) return 0;
  if (word.length <= 4) return 0;
  if (word.length <= 8) return 1;
  return 2;
}

/**
 * Turns a query into terms, phrases and compounds. Stop words are left out (Lunr's index
 * has none of them), unless the query is nothing but stop words. The last word is also
 * matched as a prefix while it is being typed, i.e. unless the query ends with a space.
 */
export function planQuery(query: string): QueryPlan {
  const all = wordsOf(query);
  // Stop words are not in Lunr's index; nor is a lone letter worth a clause ("doesn't").
  const content = all.filter(
    word => !isStopWord(word) && !(word.length === 1 && /\p{L}/u.test(word)),
  );
  // A word asked twice adds cost, not relevance.
  const words = [...new Set(content.length ? content : all)].slice(
    0,
    MAX_TERMS,
  );
  const stillTyping = !/\s$/.test(query);
  const terms = words.map((word, index) => ({
    word,
    // Lunr matches typos against the stemmed word: "logged" is "log", too short for one.
    editDistance: Math.min(
      typoToleranceOf(word),
      typoToleranceOf(stem(word)),
    ) as PlannedTerm['editDistance'],
    prefix:
      stillTyping &&
      index === words.length - 1 &&
      word.length >= MIN_PREFIX_LENGTH,
  }));
  const phrases: string[] = [];
  const compounds: string[] = [];
  // Phrases as the collator makes them: adjacent words as typed, stop words included
  // unless both are ("rbac can" is a phrase, "how do" is not).
  const typed = all.slice(0, MAX_TERMS * 2);
  for (let i = 1; i < typed.length; i++) {
    if (isStopWord(typed[i - 1]) && isStopWord(typed[i])) continue;
    phrases.push(phraseToken(typed[i - 1], typed[i]));
  }
  for (let i = 1; i < words.length; i++) {
    const compound = `${words[i - 1]}${words[i]}`;
    if (!words.includes(compound)) compounds.push(compound);
  }
  return {
    terms,
    phrases: [...new Set(phrases)],
    compounds,
  };
}
