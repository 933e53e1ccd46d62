/**
 * What a person typed into the request form.
 *
 * @internal
 */
export type ExemptionRequestInput = {
  reason: string;
  /** The value of a date input: `YYYY-MM-DD`, or empty. */
  expiresOn: string;
};

/**
 * One message per invalid field; empty when the request may be sent.
 *
 * @internal
 */
export type ExemptionRequestErrors = {
  reason?: string;
  expiresOn?: string;
};

/** A `YYYY-MM-DD` date as the start of that day in the viewer's time zone. */
function parseDay(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(year, month - 1, day);
  // Rejects dates such as 2026-02-31, which Date would silently roll over.
  return date.getMonth() === month - 1 && date.getDate() === day
    ? date
    : undefined;
}

/**
 * A day as `YYYY-MM-DD`, the format of date inputs.
 *
 * @internal
 */
export function toDayString(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}`;
}

/**
 * A number of days as words: `1 day`, `30 days`.
 *
 * @internal
 */
export function formatDays(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * The first and last day a person may pick as the expiry date, when an exemption may last
 * at most `maxDays` days (the backend's `compliance.exemptions.maxDays`).
 *
 * @internal
 */
export function allowedExpiryDays(
  now: Date,
  maxDays: number,
): { min: string; max: string } {
  const day = (offset: number) =>
    toDayString(
      new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset),
    );
  // The start of the last day must be within maxDays of now: whole days only.
  return { min: day(1), max: day(Math.floor(maxDays)) };
}

/**
 * Checks a request before it is sent: a reason is required, and the expiry must be a day
 * after today and at most `maxDays` days away. The backend has the final word; checking
 * here too saves a round trip for the common case.
 *
 * @internal
 */
export function validateExemptionRequest(
  input: ExemptionRequestInput,
  options: { maxDays: number; now?: Date },
): ExemptionRequestErrors {
  const { maxDays, now = new Date() } = options;
  const errors: ExemptionRequestErrors = {};
  if (!input.reason.trim()) {
    errors.reason = 'Say why this check cannot be met for now.';
  }
  const expiresOn = parseDay(input.expiresOn);
  const { min, max } = allowedExpiryDays(now, maxDays);
  if (!expiresOn) {
    errors.expiresOn = 'Pick the day the exemption ends.';
  } else if (input.expiresOn < min) {
    errors.expiresOn = 'The expiry date must be in the future.';
  } else if (input.expiresOn > max) {
    errors.expiresOn = `An exemption can last at most ${formatDays(
      maxDays,
    )} (until ${max}).`;
  }
  return errors;
}

/**
 * The `expiresAt` to send for a valid expiry day: the start of that day in the viewer's
 * time zone, so that the last allowed day is still within the backend's limit.
 *
 * @internal
 */
export function expiresAtFromDay(expiresOn: string): string {
  const day = parseDay(expiresOn);
  if (!day) {
    throw new TypeError(`Invalid expiry day '${expiresOn}'`);
  }
  return day.toISOString();
}
