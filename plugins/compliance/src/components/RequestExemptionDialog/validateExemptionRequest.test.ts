import {
  MAX_EXEMPTION_DAYS,
  allowedExpiryDays,
  expiresAtFromDay,
  validateExemptionRequest,
} from './validateExemptionRequest';

// Mid-day, local time, so that the tests do not depend on the machine's time zone.
const now = new Date(2026, 10, 25, 14, 30);

describe('validateExemptionRequest', () => {
  it('accepts a reason and a day within the allowed range', () => {
    expect(
      validateExemptionRequest(
        { reason: 'Team is being staffed', expiresOn: '2026-12-01' },
        now,
      ),
    ).toEqual({});
  });

  it('requires a reason that is more than whitespace', () => {
    expect(
      validateExemptionRequest({ reason: ' \n ', expiresOn: '2026-12-01' }, now)
        .reason,
    ).toBeDefined();
  });

  it('requires a real day', () => {
    for (const expiresOn of ['', 'tomorrow', '2026-02-31']) {
      expect(
        validateExemptionRequest({ reason: 'x', expiresOn }, now).expiresOn,
      ).toBe('Pick the day the exemption ends.');
    }
  });

  it('requires a day in the future', () => {
    for (const expiresOn of ['2026-11-24', '2026-11-25']) {
      expect(
        validateExemptionRequest({ reason: 'x', expiresOn }, now).expiresOn,
      ).toBe('The expiry date must be in the future.');
    }
    expect(
      validateExemptionRequest({ reason: 'x', expiresOn: '2026-11-26' }, now),
    ).toEqual({});
  });

  it(`allows at most ${MAX_EXEMPTION_DAYS} days`, () => {
    expect(allowedExpiryDays(now)).toEqual({
      min: '2026-11-26',
      max: '2027-02-23',
    });
    expect(
      validateExemptionRequest({ reason: 'x', expiresOn: '2027-02-23' }, now),
    ).toEqual({});
    expect(
      validateExemptionRequest({ reason: 'x', expiresOn: '2027-02-24' }, now)
        .expiresOn,
    ).toBe('An exemption can last at most 90 days (until 2027-02-23).');
  });

  it('sends the start of the chosen day, which stays within the limit', () => {
    const expiresAt = new Date(expiresAtFromDay('2027-02-23'));
    expect(expiresAt).toEqual(new Date(2027, 1, 23));
    expect(expiresAt.getTime() - now.getTime()).toBeLessThanOrEqual(
      MAX_EXEMPTION_DAYS * 24 * 60 * 60 * 1000,
    );
  });
});
