import { red } from '@material-ui/core/colors';

// Highest level first and "none" last, as in the level distribution; levels an app adds go
// in between, in the order they come.
const KNOWN_ORDER = ['gold', 'silver', 'bronze'];
function rank(levelId: string): number {
  if (levelId === 'none') return KNOWN_ORDER.length + 1;
  const known = KNOWN_ORDER.indexOf(levelId);
  return known === -1 ? KNOWN_ORDER.length : known;
}

/**
 * Level ids (and `none`) from the highest level to no level.
 *
 * @internal
 */
export function sortLevelIds(levelIds: Iterable<string>): string[] {
  return [...new Set(levelIds)].sort((a, b) => rank(a) - rank(b));
}

// The metal colours of the level badges; "no level" is red rather than the badge's grey,
// which next to silver could not be told apart. Other levels take these, in turn.
const METALS: Record<string, string> = {
  gold: '#ffd54f',
  silver: '#c0c0c0',
  bronze: '#cd7f32',
  none: red[300],
};
const OTHERS = ['#5c6bc0', '#26a69a', '#ab47bc', '#8d6e63', '#42a5f5'];

/**
 * The colour of a level in charts: the badge colour for bronze, silver and gold, red for
 * none, else one of a few distinct colours by the level's position among the other levels.
 *
 * @internal
 */
export function levelColor(levelId: string, otherIndex: number): string {
  return METALS[levelId] ?? OTHERS[otherIndex % OTHERS.length];
}
