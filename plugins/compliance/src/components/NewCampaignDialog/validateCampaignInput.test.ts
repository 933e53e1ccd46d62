import {
  campaignInputFromForm,
  firstDeadlineDay,
  validateCampaignForm,
  type CampaignForm,
} from './validateCampaignInput';

const now = new Date(2026, 10, 25, 15, 0); // 25 November 2026, local time
const valid: CampaignForm = {
  title: 'Real owners',
  description: '',
  checkIds: ['ownership.owner-exists'],
  ownerRef: '',
  deadlineDay: '2026-12-31',
};

describe('validateCampaignForm', () => {
  it('accepts a complete form', () => {
    expect(validateCampaignForm(valid, now)).toEqual({});
  });

  it('names every missing or invalid field', () => {
    expect(
      validateCampaignForm(
        {
          title: '  ',
          description: '',
          checkIds: [],
          ownerRef: 'component:default/x',
          deadlineDay: '',
        },
        now,
      ),
    ).toEqual({
      title: expect.any(String),
      checkIds: expect.any(String),
      ownerRef: expect.stringContaining('group'),
      deadlineDay: expect.any(String),
    });
  });

  it.each([
    ['2026-11-25', /after today/],
    ['2026-11-01', /after today/],
    ['2026-02-31', /Pick the day/],
    ['31.12.2026', /Pick the day/],
  ])('rejects the deadline %s', (deadlineDay, message) => {
    expect(
      validateCampaignForm({ ...valid, deadlineDay }, now).deadlineDay,
    ).toMatch(message);
  });

  it.each(['team-a', 'group:default/team-a', 'Group:team-a', 'default/team-a'])(
    'accepts the owner %s',
    ownerRef => {
      expect(validateCampaignForm({ ...valid, ownerRef }, now)).toEqual({});
    },
  );

  it.each(['user:default/alice', 'a:b:c', 'group:default/'])(
    'rejects the owner %s',
    ownerRef => {
      expect(
        validateCampaignForm({ ...valid, ownerRef }, now).ownerRef,
      ).toBeDefined();
    },
  );

  it('starts deadlines tomorrow', () => {
    expect(firstDeadlineDay(now)).toBe('2026-11-26');
    expect(firstDeadlineDay(new Date(2026, 11, 31, 10))).toBe('2027-01-01');
  });
});

describe('campaignInputFromForm', () => {
  it('sends the end of the deadline day in UTC and leaves out empty optional fields', () => {
    expect(campaignInputFromForm(valid)).toEqual({
      title: 'Real owners',
      checkIds: ['ownership.owner-exists'],
      deadline: '2026-12-31T23:59:59.999Z',
    });
    expect(
      campaignInputFromForm({
        ...valid,
        title: ' Real owners ',
        description: ' Why ',
        ownerRef: ' team-a ',
      }),
    ).toEqual({
      title: 'Real owners',
      description: 'Why',
      checkIds: ['ownership.owner-exists'],
      filter: { ownerRef: 'team-a' },
      deadline: '2026-12-31T23:59:59.999Z',
    });
  });
});
