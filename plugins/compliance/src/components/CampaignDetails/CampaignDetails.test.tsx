import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { complianceApiRef } from '../../api';
import { mockComplianceApi, responseError } from '../../testing/fixtures';
import { campaign, campaignProgress } from '../../testing/campaignFixtures';
import {
  renderWithAccess,
  type TestAppAccess,
} from '../../testing/__testUtils__/renderWithAccess';
import { CampaignDetails } from './CampaignDetails';

// Rendering and user events take seconds per test while the test command runs every
// package's tests at once on a 2-core machine: more than jest's default 5 s allows.
jest.setTimeout(30_000);

function renderDetails(api = mockComplianceApi(), access?: TestAppAccess) {
  return renderWithAccess(
    <TestApiProvider apis={[[complianceApiRef, api]]}>
      <CampaignDetails campaignId="c-1" overviewHref="/compliance" />
    </TestApiProvider>,
    access,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('CampaignDetails', () => {
  it('shows the progress, the burn-up and the remaining entities with links', async () => {
    const api = mockComplianceApi({
      getCampaign: jest.fn().mockResolvedValue(campaignProgress()),
    });
    renderDetails(api);

    expect(
      await screen.findByRole('heading', { name: 'Real owners' }),
    ).toBeInTheDocument();
    expect(api.getCampaign).toHaveBeenCalledWith('c-1');
    expect(screen.getByLabelText('percent done')).toHaveTextContent('75%');
    expect(screen.getByText('3 of 4 entities are done')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /on 2026-11-23, 3 of 4 entities done/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Scope: kind Component; owned by group:default\/team-payments or its sub-teams/,
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Checks: Owner exists, Owner has members/),
    ).toBeInTheDocument();

    const remaining = screen.getByRole('table', { name: 'remaining entities' });
    expect(
      within(remaining).getByRole('link', { name: /legacy-invoicing/ }),
    ).toHaveAttribute('href', '/catalog/default/component/legacy-invoicing');
    expect(
      within(remaining).getByRole('link', { name: /team-billing/ }),
    ).toHaveAttribute('href', '/catalog/default/group/team-billing');
    expect(
      within(remaining).getByText('Owner has members'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Compliance' })).toHaveAttribute(
      'href',
      '/compliance',
    );
  });

  it('says how many remain when it lists only the first of them', async () => {
    renderDetails(
      mockComplianceApi({
        getCampaign: jest
          .fn()
          .mockResolvedValue(
            campaignProgress({ entityCount: 80, doneCount: 10 }),
          ),
      }),
    );
    expect(
      await screen.findByText('Showing 1 of 70 entities that are not done.'),
    ).toBeInTheDocument();
  });

  it('ends the campaign after confirmation', async () => {
    const api = mockComplianceApi({
      getCampaign: jest
        .fn()
        .mockResolvedValueOnce(campaignProgress())
        .mockResolvedValue(
          campaignProgress({
            campaign: campaign({
              status: 'ended',
              endedAt: '2026-11-25T10:00:00.000Z',
            }),
          }),
        ),
      endCampaign: jest.fn().mockResolvedValue(campaign({ status: 'ended' })),
    });
    renderDetails(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'End campaign' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'End campaign' }),
    );

    await waitFor(() => expect(api.endCampaign).toHaveBeenCalledWith('c-1'));
    expect(await screen.findByText('Ended')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'End campaign' }),
    ).not.toBeInTheDocument();
  });

  it('disables End campaign, saying why, without compliance.campaign.manage', async () => {
    const api = mockComplianceApi({
      getCampaign: jest.fn().mockResolvedValue(campaignProgress()),
    });
    renderDetails(api, { denied: ['compliance.campaign.manage'] });

    const button = await screen.findByRole('button', { name: 'End campaign' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAccessibleDescription(
      'You need the compliance.campaign.manage permission to end campaigns.',
    );
    await userEvent.click(button);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.endCampaign).not.toHaveBeenCalled();
  });

  it('shows why the campaign could not be ended', async () => {
    const api = mockComplianceApi({
      getCampaign: jest.fn().mockResolvedValue(campaignProgress()),
      endCampaign: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            403,
            'NotAllowedError',
            'Missing permission compliance.campaign.manage',
          ),
        ),
    });
    renderDetails(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'End campaign' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'End campaign' }),
    );

    expect(
      await within(dialog).findByText(
        'Could not end the campaign: Missing permission compliance.campaign.manage',
      ),
    ).toBeInTheDocument();
  });

  it('shows an unknown campaign as an error', async () => {
    renderDetails(
      mockComplianceApi({
        getCampaign: jest
          .fn()
          .mockRejectedValue(
            await responseError(
              404,
              'NotFoundError',
              'No campaign with id c-1',
            ),
          ),
      }),
    );
    expect(
      (await screen.findAllByText(/No campaign with id c-1/)).length,
    ).toBeGreaterThan(0);
  });
});
