/**
 * The longest an exemption may last. The backend has the final word (its
 * `compliance.exemptions.maxDays`); checking here too saves a round trip for the common case.
 *
 * @internal
 */
export const MAX_EXEMPTION_DAYS = 90;

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
 * The first and last day a person may pick as the expiry date.
 *
 * @internal
 */
export function allowedExpiryDays(now: Date): { min: string; max: string } {
  const day = (offset: number) =>
    toDayString(
      new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset),
    );
  return { min: day(1), max: day(MAX_EXEMPTION_DAYS) };
}

/**
 * Checks a request before it is sent: a reason is required, and the expiry must be a day
 * after today and at most {@link MAX_EXEMPTION_DAYS} days away.
 *
 * @internal
 */
export function validateExemptionRequest(
  input: ExemptionRequestInput,
  now: Date = new Date(),
): ExemptionRequestErrors {
  const errors: ExemptionRequestErrors = {};
  if (!input.reason.trim()) {
    errors.reason = 'Say why this check cannot be met for now.';
  }
  const expiresOn = parseDay(input.expiresOn);
  const { min, max } = allowedExpiryDays(now);
  if (!expiresOn) {
    errors.expiresOn = 'Pick the day the exemption ends.';
  } else if (input.expiresOn < min) {
    errors.expiresOn = 'The expiry date must be in the future.';
  } else if (input.expiresOn > max) {
    errors.expiresOn = `An exemption can last at most ${MAX_EXEMPTION_DAYS} days (until ${max}).`;
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
