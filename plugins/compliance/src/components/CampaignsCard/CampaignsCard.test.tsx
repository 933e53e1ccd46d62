import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import { complianceApiRef } from '../../api';
import { mockComplianceApi, responseError } from '../../testing/fixtures';
import { campaign, campaignSummary } from '../../testing/campaignFixtures';
import {
  renderWithAccess,
  type TestAppAccess,
} from '../../testing/__testUtils__/renderWithAccess';
import { firstDeadlineDay } from '../NewCampaignDialog/validateCampaignInput';
import { CampaignsCard } from './CampaignsCard';

// Rendering and user events take seconds per test while the test command runs every
// package's tests at once on a 2-core machine: more than jest's default 5 s allows.
jest.setTimeout(30_000);

function renderCard(api = mockComplianceApi(), access?: TestAppAccess) {
  return renderWithAccess(
    <TestApiProvider apis={[[complianceApiRef, api]]}>
      <CampaignsCard campaignHref={id => `/compliance/campaigns/${id}`} />
    </TestApiProvider>,
    access,
  );
}

/** A day well after tomorrow, as a date input holds it. */
function futureDay() {
  const [year, month, day] = firstDeadlineDay(new Date())
    .split('-')
    .map(Number);
  return `${year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(
    2,
    '0',
  )}`;
}

describe('CampaignsCard', () => {
  it('lists campaigns with their progress, status and deadline, linked to their pages', async () => {
    renderCard(
      mockComplianceApi({
        listCampaigns: jest.fn().mockResolvedValue([
          campaignSummary(),
          campaignSummary({
            id: 'c-2',
            title: 'Docs for all',
            status: 'ended',
            endedAt: '2026-11-10T00:00:00.000Z',
            doneCount: 1,
            entityCount: 3,
            percentDone: 33.3,
          }),
        ]),
      }),
    );

    const table = await screen.findByRole('table', { name: 'campaigns' });
    const link = within(table).getByRole('link', { name: 'Real owners' });
    expect(link).toHaveAttribute('href', '/compliance/campaigns/c-1');
    expect(
      within(table).getByRole('progressbar', { name: 'Real owners progress' }),
    ).toHaveAttribute('aria-valuenow', '75');
    expect(within(table).getByText('3 of 4 done (75%)')).toBeInTheDocument();
    expect(within(table).getByText('1 of 3 done (33.3%)')).toBeInTheDocument();
    expect(within(table).getByText('Active')).toBeInTheDocument();
    expect(within(table).getByText('Ended')).toBeInTheDocument();
    // The deadline is the end of 31 December UTC, whatever the viewer's time zone.
    expect(
      within(table).getAllByText(
        new Intl.DateTimeFormat(undefined, {
          dateStyle: 'medium',
          timeZone: 'UTC',
        }).format(new Date('2026-12-31T12:00:00Z')),
      ),
    ).toHaveLength(2);
  });

  it('says when there are no campaigns', async () => {
    renderCard();
    expect(await screen.findByText(/No campaigns yet/)).toBeInTheDocument();
  });

  it('offers New campaign to those allowed to manage campaigns', async () => {
    renderCard();
    expect(
      await screen.findByRole('button', { name: /New campaign/ }),
    ).toBeEnabled();
    expect(
      screen.queryByText(/compliance\.campaign\.manage/),
    ).not.toBeInTheDocument();
  });

  it('disables New campaign, saying why, without compliance.campaign.manage', async () => {
    renderCard(mockComplianceApi(), { denied: ['compliance.campaign.manage'] });
    const button = await screen.findByRole('button', { name: /New campaign/ });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAccessibleDescription(
      'You need the compliance.campaign.manage permission to start campaigns.',
    );
    // The list is still there for everyone.
    expect(await screen.findByText(/No campaigns yet/)).toBeInTheDocument();
    await userEvent.click(button);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('validates a new campaign before sending it', async () => {
    const api = mockComplianceApi();
    renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: /New campaign/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByRole('checkbox', { name: 'Owner exists' });

    fireEvent.change(within(dialog).getByLabelText(/Owner group/), {
      target: { value: 'user:default/alice' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start campaign' }),
    );

    expect(
      within(dialog).getByText('Give the campaign a title.'),
    ).toBeVisible();
    expect(within(dialog).getByText('Pick at least one check.')).toBeVisible();
    expect(
      within(dialog).getByText(/Enter a group, such as team-a/),
    ).toBeVisible();
    expect(
      within(dialog).getByText('Pick the day of the deadline.'),
    ).toBeVisible();
    expect(api.createCampaign).not.toHaveBeenCalled();
  });

  // Types into several fields, which takes a few seconds on a busy machine.
  it('starts a campaign and shows it in the list', async () => {
    const created = campaign({ id: 'c-9', title: 'Staffed teams' });
    const api = mockComplianceApi({
      listCampaigns: jest
        .fn()
        .mockResolvedValueOnce([])
        .mockResolvedValue([campaignSummary(created)]),
      createCampaign: jest.fn().mockResolvedValue(created),
    });
    renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: /New campaign/ }),
    );
    const dialog = await screen.findByRole('dialog');

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Staffed teams',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Description/ }),
      'Two people per team',
    );
    await userEvent.click(
      await within(dialog).findByRole('checkbox', {
        name: 'Owner has members',
      }),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Owner group/ }),
      'team-payments',
    );
    const day = futureDay();
    fireEvent.change(within(dialog).getByLabelText(/Deadline/), {
      target: { value: day },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start campaign' }),
    );

    await waitFor(() =>
      expect(api.createCampaign).toHaveBeenCalledWith({
        title: 'Staffed teams',
        description: 'Two people per team',
        checkIds: ['ownership.owner-has-members'],
        filter: { ownerRef: 'team-payments' },
        deadline: `${day}T23:59:59.999Z`,
      }),
    );
    expect(
      await screen.findByRole('link', { name: 'Staffed teams' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  }, 20_000);

  it('shows what the server says when it refuses a campaign', async () => {
    const api = mockComplianceApi({
      createCampaign: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            403,
            'NotAllowedError',
            'Missing permission compliance.campaign.manage',
          ),
        ),
    });
    renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: /New campaign/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Real owners',
    );
    await userEvent.click(
      await within(dialog).findByRole('checkbox', { name: 'Owner exists' }),
    );
    fireEvent.change(within(dialog).getByLabelText(/Deadline/), {
      target: { value: futureDay() },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start campaign' }),
    );

    expect(
      await within(dialog).findByText(
        'Could not start the campaign: Missing permission compliance.campaign.manage',
      ),
    ).toBeInTheDocument();
  });

  it('shows a failed list as an error', async () => {
    renderCard(
      mockComplianceApi({
        listCampaigns: jest
          .fn()
          .mockRejectedValue(new Error('Backend is down')),
      }),
    );
    expect(
      (await screen.findAllByText(/Backend is down/)).length,
    ).toBeGreaterThan(0);
  });
});
