import type {
  Campaign,
  CampaignProgress,
  CampaignSummary,
} from '@runway/plugin-compliance-common';

/**
 * An active campaign about ownership, due at the end of 2026.
 *
 * @internal
 */
export function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'c-1',
    title: 'Real owners',
    description: 'Every service has an owner that exists and is staffed.',
    checkIds: ['ownership.owner-exists', 'ownership.owner-has-members'],
    filter: { kind: ['Component'], ownerRef: 'group:default/team-payments' },
    deadline: '2026-12-31T23:59:59.999Z',
    createdBy: 'user:default/alice',
    createdAt: '2026-11-20T09:00:00.000Z',
    status: 'active',
    ...overrides,
  };
}

/**
 * A listed campaign: 3 of 4 entities done.
 *
 * @internal
 */
export function campaignSummary(
  overrides: Partial<CampaignSummary> = {},
): CampaignSummary {
  return {
    ...campaign(),
    entityCount: 4,
    doneCount: 3,
    percentDone: 75,
    ...overrides,
  };
}

/**
 * The progress of {@link campaign}: 3 of 4 done after four days.
 *
 * @internal
 */
export function campaignProgress(
  overrides: Partial<CampaignProgress> = {},
): CampaignProgress {
  return {
    campaign: campaign(),
    entityCount: 4,
    doneCount: 3,
    percentDone: 75,
    remaining: [
      {
        entityRef: 'component:default/legacy-invoicing',
        ownerRef: 'group:default/team-billing',
        failing: ['ownership.owner-has-members'],
      },
    ],
    burnUp: [
      { date: '2026-11-20', done: 1, total: 4 },
      { date: '2026-11-21', done: 2, total: 4 },
      { date: '2026-11-22', done: 2, total: 4 },
      { date: '2026-11-23', done: 3, total: 4 },
    ],
    ...overrides,
  };
}
