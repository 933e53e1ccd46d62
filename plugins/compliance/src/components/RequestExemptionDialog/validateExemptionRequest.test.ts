import {
  allowedExpiryDays,
  expiresAtFromDay,
  formatDays,
  validateExemptionRequest,
} from './validateExemptionRequest';

// Mid-day, local time, so that the tests do not depend on the machine's time zone.
const now = new Date(2026, 10, 25, 14, 30);
const options = { maxDays: 90, now };

describe('validateExemptionRequest', () => {
  it('accepts a reason and a day within the allowed range', () => {
    expect(
      validateExemptionRequest(
        { reason: 'Team is being staffed', expiresOn: '2026-12-01' },
        options,
      ),
    ).toEqual({});
  });

  it('requires a reason that is more than whitespace', () => {
    expect(
      validateExemptionRequest(
        { reason: ' \n ', expiresOn: '2026-12-01' },
        options,
      ).reason,
    ).toBeDefined();
  });

  it('requires a real day', () => {
    for (const expiresOn of ['', 'tomorrow', '2026-02-31']) {
      expect(
        validateExemptionRequest({ reason: 'x', expiresOn }, options).expiresOn,
      ).toBe('Pick the day the exemption ends.');
    }
  });

  it('requires a day in the future', () => {
    for (const expiresOn of ['2026-11-24', '2026-11-25']) {
      expect(
        validateExemptionRequest({ reason: 'x', expiresOn }, options).expiresOn,
      ).toBe('The expiry date must be in the future.');
    }
    expect(
      validateExemptionRequest(
        { reason: 'x', expiresOn: '2026-11-26' },
        options,
      ),
    ).toEqual({});
  });

  it('allows at most maxDays days', () => {
    expect(allowedExpiryDays(now, 90)).toEqual({
      min: '2026-11-26',
      max: '2027-02-23',
    });
    expect(
      validateExemptionRequest(
        { reason: 'x', expiresOn: '2027-02-23' },
        options,
      ),
    ).toEqual({});
    expect(
      validateExemptionRequest(
        { reason: 'x', expiresOn: '2027-02-24' },
        options,
      ).expiresOn,
    ).toBe('An exemption can last at most 90 days (until 2027-02-23).');
  });

  it('takes the maximum from its caller, not a constant', () => {
    expect(allowedExpiryDays(now, 30).max).toBe('2026-12-25');
    expect(
      validateExemptionRequest(
        { reason: 'x', expiresOn: '2026-12-25' },
        { maxDays: 30, now },
      ),
    ).toEqual({});
    // 45 days away: fine with the default of 90, too long with 30.
    const in45Days = { reason: 'x', expiresOn: '2027-01-09' };
    expect(validateExemptionRequest(in45Days, options)).toEqual({});
    expect(
      validateExemptionRequest(in45Days, { maxDays: 30, now }).expiresOn,
    ).toBe('An exemption can last at most 30 days (until 2026-12-25).');
    expect(
      validateExemptionRequest(
        { reason: 'x', expiresOn: '2026-11-27' },
        { maxDays: 1, now },
      ).expiresOn,
    ).toBe('An exemption can last at most 1 day (until 2026-11-26).');
  });

  it('sends the start of the chosen day, which stays within the limit', () => {
    const expiresAt = new Date(expiresAtFromDay('2027-02-23'));
    expect(expiresAt).toEqual(new Date(2027, 1, 23));
    expect(expiresAt.getTime() - now.getTime()).toBeLessThanOrEqual(
      90 * 24 * 60 * 60 * 1000,
    );
  });
});

describe('formatDays', () => {
  it('says day for one and days otherwise', () => {
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(30)).toBe('30 days');
  });
});
