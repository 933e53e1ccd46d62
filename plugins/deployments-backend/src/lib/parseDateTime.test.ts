import { parseDateTime, tryParseDateTime } from './parseDateTime';

describe('tryParseDateTime', () => {
  it.each([
    ['2026-12-01T10:00:00Z', '2026-12-01T10:00:00.000Z'],
    ['2026-12-01T10:00Z', '2026-12-01T10:00:00.000Z'],
    ['2026-12-01T10:00:00.1234567Z', '2026-12-01T10:00:00.123Z'],
    ['2026-12-01T10:00:00+02:00', '2026-12-01T08:00:00.000Z'],
    ['2026-12-01T10:00:00-0530', '2026-12-01T15:30:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s', (value, iso) => {
    expect(tryParseDateTime(value)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T10:60:00Z',
    '2026-01-01T10:00:60Z',
    '2026-01-01T10:00:00+24:00',
    '2026-01-01T10:00:00',
    '2026-01-01',
    'yesterday',
  ])('refuses %s', value => {
    expect(tryParseDateTime(value)).toBeUndefined();
  });

  it('names the field of a date-time that does not exist', () => {
    expect(() => parseDateTime('2026-02-30T00:00:00Z', 'from')).toThrow(
      "from: '2026-02-30T00:00:00Z' is not a date-time that exists",
    );
  });
});
