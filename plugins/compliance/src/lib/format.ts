const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * An ISO 8601 timestamp from the API as a date and time in the viewer's locale.
 *
 * @internal
 */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/**
 * An ISO 8601 timestamp from the API as a date in the viewer's locale.
 *
 * @internal
 */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

/**
 * A level id as a person reads it. Rollups only carry ids; the configured titles of the
 * default levels (bronze, silver, gold) are their capitalised ids.
 *
 * @internal
 */
export function levelTitle(levelId: string | null): string {
  if (levelId === null || levelId === 'none') {
    return 'No level';
  }
  return levelId.charAt(0).toLocaleUpperCase('en-US') + levelId.slice(1);
}
