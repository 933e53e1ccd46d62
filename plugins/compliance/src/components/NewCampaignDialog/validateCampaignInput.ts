import type { CampaignInput } from '@runway/plugin-compliance-common';

/**
 * What a person entered in the new-campaign form.
 *
 * @internal
 */
export type CampaignForm = {
  title: string;
  description: string;
  checkIds: string[];
  /** An owner group ref, or empty for every owner. */
  ownerRef: string;
  /** The value of a date input: `YYYY-MM-DD`, or empty. */
  deadlineDay: string;
};

/**
 * One message per invalid field; empty when the campaign may be sent.
 *
 * @internal
 */
export type CampaignFormErrors = Partial<Record<keyof CampaignForm, string>>;

/** Same pattern as the API's EntityRef: `[kind:][namespace/]name`. */
const ENTITY_REF = /^([^:/]+:)?([^:/]+\/)?[^:/]+$/;

function pad(n: number) {
  return String(n).padStart(2, '0');
}

/**
 * The first day a deadline may be on: tomorrow, in the viewer's calendar.
 *
 * @internal
 */
export function firstDeadlineDay(now: Date): string {
  const tomorrow = new Date(
    now.getFullYear(),
    now.getMonth(),
    now.getDate() + 1,
  );
  return `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(
    tomorrow.getDate(),
  )}`;
}

function isRealDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Rejects days such as 2026-02-31, which Date would silently roll over.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Checks the form before it is sent: a title, at least one check, an owner that reads as a
 * group ref, and a deadline from tomorrow on. The backend checks again and has the final
 * word (for example on whether the group exists).
 *
 * @internal
 */
export function validateCampaignForm(
  form: CampaignForm,
  now: Date = new Date(),
): CampaignFormErrors {
  const errors: CampaignFormErrors = {};
  if (!form.title.trim()) {
    errors.title = 'Give the campaign a title.';
  }
  if (form.checkIds.length === 0) {
    errors.checkIds = 'Pick at least one check.';
  }
  const ownerRef = form.ownerRef.trim();
  if (ownerRef) {
    const kind = ownerRef.includes(':') ? ownerRef.split(':')[0] : 'group';
    if (
      !ENTITY_REF.test(ownerRef) ||
      kind.toLocaleLowerCase('en-US') !== 'group'
    ) {
      errors.ownerRef =
        'Enter a group, such as team-a or group:default/team-a.';
    }
  }
  if (!isRealDay(form.deadlineDay)) {
    errors.deadlineDay = 'Pick the day of the deadline.';
  } else if (form.deadlineDay < firstDeadlineDay(now)) {
    errors.deadlineDay = 'The deadline must be after today.';
  }
  return errors;
}

/**
 * The request for a valid form. The deadline is the end of the chosen day in UTC, the
 * calendar campaigns are counted in.
 *
 * @internal
 */
export function campaignInputFromForm(form: CampaignForm): CampaignInput {
  const ownerRef = form.ownerRef.trim();
  return {
    title: form.title.trim(),
    ...(form.description.trim()
      ? { description: form.description.trim() }
      : {}),
    checkIds: form.checkIds,
    ...(ownerRef ? { filter: { ownerRef } } : {}),
    deadline: `${form.deadlineDay}T23:59:59.999Z`,
  };
}
