import type lunr from 'lunr';

type Posting = Record<string, Record<string, unknown> | number>;

/**
 * The words (as indexed: stemmed) in the `text` of more than `share` of an index's section
 * records: "argo" and "cd" in Argo CD's docs. Such a word tells sections apart too little to
 * be worth what reading its postings costs on every query.
 */
export function commonBodyWords(index: lunr.Index, share: number): Set<string> {
  const inverted = (
    index as unknown as { invertedIndex: Record<string, Posting> }
  ).invertedIndex;
  const fieldVectors = (
    index as unknown as { fieldVectors: Record<string, unknown> }
  ).fieldVectors;
  let documents = 0;
  for (const ref of Object.keys(fieldVectors)) {
    if (ref.startsWith('text/')) documents += 1;
  }
  const common = new Set<string>();
  if (!documents) return common;
  for (const [term, posting] of Object.entries(inverted)) {
    const text = posting.text;
    if (
      typeof text === 'object' &&
      Object.keys(text).length > share * documents
    ) {
      common.add(term);
    }
  }
  return common;
}
