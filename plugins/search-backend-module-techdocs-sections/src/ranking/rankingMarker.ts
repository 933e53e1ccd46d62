/**
 * The word every section record carries in its `rankingMarker` field and no other field
 * holds. The translator recognises an index of sections by the field, and uses the word to
 * weight fields (see `createTechDocsSectionsTranslator`).
 */
export const RANKING_MARKER = 'zzrunwaysectionmarker';
