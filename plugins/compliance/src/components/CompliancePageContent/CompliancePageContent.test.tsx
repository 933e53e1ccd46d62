import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import compliancePlugin from '../../alpha';
import { complianceApiRef } from '../../api';
import { mockComplianceApi } from '../../testing/fixtures';
import {
  campaignProgress,
  campaignSummary,
} from '../../testing/campaignFixtures';

// Rendering and user events take seconds per test while the test command runs every
// package's tests at once on a 2-core machine: more than jest's default 5 s allows.
jest.setTimeout(30_000);

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function renderApp(path: string) {
  const api = mockComplianceApi({
    listCampaigns: jest.fn().mockResolvedValue([campaignSummary()]),
    getCampaign: jest.fn().mockResolvedValue(campaignProgress()),
  });
  renderTestApp({
    features: [compliancePlugin],
    apis: [[complianceApiRef, api]],
    initialRouteEntries: [path],
    mountedRoutes,
  });
  return api;
}

describe('Compliance page in the new frontend system', () => {
  it('shows the campaigns below the overview, linked to their pages', async () => {
    const api = renderApp('/compliance');

    expect(await screen.findByText('75%')).toBeInTheDocument();
    const campaigns = await screen.findByRole('table', { name: 'campaigns' });
    const link = within(campaigns).getByRole('link', { name: 'Real owners' });
    expect(link).toHaveAttribute('href', '/compliance/campaigns/c-1');
    expect(api.getCampaign).not.toHaveBeenCalled();

    await userEvent.click(link);
    expect(
      await screen.findByRole('heading', { name: 'Real owners' }),
    ).toBeInTheDocument();
    expect(api.getCampaign).toHaveBeenCalledWith('c-1');
  });

  it('serves a campaign at /compliance/campaigns/:id', async () => {
    const api = renderApp('/compliance/campaigns/c-1');

    expect(
      await screen.findByRole('table', { name: 'remaining entities' }),
    ).toBeInTheDocument();
    expect(api.getCampaign).toHaveBeenCalledWith('c-1');
    expect(screen.queryByRole('table', { name: 'campaigns' })).toBeNull();
    expect(screen.getByRole('link', { name: '← Compliance' })).toHaveAttribute(
      'href',
      '/compliance',
    );
  });
});
