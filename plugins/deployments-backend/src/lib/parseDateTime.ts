import { InputError } from '@backstage/errors';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The instant an ISO 8601 date-time with a time zone names (the DateTime of the OpenAPI
 * document), or undefined when it names none: JavaScript's Date would take 2026-02-30 for
 * 2 March, and some spellings of offsets not at all. Fractions beyond milliseconds are cut
 * off, as the database stores milliseconds.
 *
 * @internal
 */
export function tryParseDateTime(value: string): Date | undefined {
  const match = DATE_TIME.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const millis = match[7] ? Math.floor(Number(match[7]) * 1000) : 0;
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (match[8] !== 'Z') {
    const [hours, minutes] = [Number(match[10]), Number(match[11])];
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const utc =
    Date.UTC(year, month - 1, day, hour, minute, second, millis) -
    offsetMinutes * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * {@link tryParseDateTime}, or a 400 naming the field.
 *
 * @internal
 */
export function parseDateTime(value: string, field: string): Date {
  const date = tryParseDateTime(value);
  if (!date) {
    throw new InputError(`${field}: '${value}' is not a date-time that exists`);
  }
  return date;
}
