/*
 * Text analysis shared by the collator (index side) and the query translator (query side),
 * so that both cut words, drop stop words and stem exactly as Lunr's index pipeline does.
 */
import lunr from 'lunr';

/** How Backstage's Lunr indexer splits text into words: on anything but letters and digits. */
const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

/** The words of a text, lower-cased and trimmed as Lunr's index pipeline trims them. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(WORD_SEPARATOR)
    .map(word => lunr.trimmer(new lunr.Token(word, {})).toString())
    .filter(Boolean);
}

/** Whether Lunr's English stop word filter drops the word from the index. */
export function isStopWord(word: string): boolean {
  return lunr.stopWordFilter(new lunr.Token(word, {})) === undefined;
}

/** The word as Lunr's stemmer reduces it. */
export function stem(word: string): string {
  return lunr.stemmer(new lunr.Token(word, {})).toString();
}

/** A pair of adjacent words as one phrase token. */
export function phraseToken(first: string, second: string): string {
  return `${stem(first)} ${stem(second)}`;
}

/**
 * Every pair of adjacent words of a text of which at least one is not a stop word, as
 * phrase tokens, each once: "rbac can" and "reset the" are phrases, "of the" is not.
 */
export function phrasesOf(text: string, limit: number): string[] {
  const words = wordsOf(text);
  const phrases = new Set<string>();
  for (let i = 1; i < words.length && phrases.size < limit; i++) {
    if (isStopWord(words[i - 1]) && isStopWord(words[i])) continue;
    phrases.add(phraseToken(words[i - 1], words[i]));
  }
  return [...phrases];
}

/**
 * Acronyms of a title: the initials of the whole title (of 2–6 words), and of every run of
 * 2–6 adjacent words in it. `Server-Side Apply` gives ssa, and ss and sa.
 */
export function titleAcronyms(title: string): {
  whole?: string;
  parts: string[];
} {
  const words = wordsOf(title)
    .filter(word => !isStopWord(word) && /^\p{L}/u.test(word))
    .slice(0, 10);
  const initials = (from: number, to: number) =>
    words
      .slice(from, to)
      .map(word => word[0])
      .join('');
  const whole =
    words.length >= 2 && words.length <= 6
      ? initials(0, words.length)
      : undefined;
  const parts = new Set<string>();
  for (let start = 0; start < words.length; start++) {
    for (let end = start + 2; end <= Math.min(words.length, start + 6); end++) {
      parts.add(initials(start, end));
    }
  }
  if (whole) parts.delete(whole);
  return { whole, parts: [...parts] };
}

/**
 * Acronyms that a text defines, as in "Role Based Access Control (RBAC)": the letters in
 * parentheses are the initials of the words just before them.
 */
export function definedAcronyms(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\(([A-Z]{2,8})s?\)/g)) {
    const acronym = match[1].toLowerCase();
    const before = wordsOf(
      text.slice(Math.max(0, match.index! - 120), match.index),
    )
      .filter(word => !isStopWord(word))
      .slice(-acronym.length);
    if (before.map(word => word[0]).join('') === acronym) found.add(acronym);
  }
  return [...found];
}
