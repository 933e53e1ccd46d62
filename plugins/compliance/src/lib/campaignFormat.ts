const DAY_MS = 86_400_000;

// Campaign days are UTC days (the burn-up and the reminders count them that way), so a
// deadline is shown as its UTC date: the end of 31 December UTC must not read as 1 January
// east of Greenwich.
const utcDateFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeZone: 'UTC',
});

/**
 * A campaign deadline (or a burn-up day) as a date in the viewer's locale.
 *
 * @internal
 */
export function formatCampaignDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : utcDateFormat.format(date);
}

/**
 * How long until a deadline, in words: "in 3 days", "in less than a day", "passed".
 *
 * @internal
 */
export function timeLeft(deadline: string, now: Date = new Date()): string {
  const ms = new Date(deadline).getTime() - now.getTime();
  if (Number.isNaN(ms)) return '';
  if (ms <= 0) return 'passed';
  const days = Math.floor(ms / DAY_MS);
  if (days === 0) return 'in less than a day';
  return days === 1 ? 'in 1 day' : `in ${days} days`;
}
