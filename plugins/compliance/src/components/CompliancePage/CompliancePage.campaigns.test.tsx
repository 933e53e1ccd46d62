import { screen, within } from '@testing-library/react';
import {
  TestApiProvider,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { complianceApiRef } from '../../api';
import { mockComplianceApi } from '../../testing/fixtures';
import {
  campaignProgress,
  campaignSummary,
} from '../../testing/campaignFixtures';
import { CompliancePage } from './CompliancePage';

function renderPage(path: string) {
  const api = mockComplianceApi({
    listCampaigns: jest.fn().mockResolvedValue([campaignSummary()]),
    getCampaign: jest.fn().mockResolvedValue(campaignProgress()),
  });
  renderInTestApp(
    <TestApiProvider apis={[[complianceApiRef, api]]}>
      <CompliancePage />
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: [path],
    },
  );
  return api;
}

describe('CompliancePage campaigns (legacy frontend system)', () => {
  it('lists the campaigns with links to their pages', async () => {
    renderPage('/');
    const campaigns = await screen.findByRole('table', { name: 'campaigns' });
    expect(
      within(campaigns).getByRole('link', { name: 'Real owners' }),
    ).toHaveAttribute('href', '/campaigns/c-1');
  });

  it('routes campaigns/:id to the campaign', async () => {
    const api = renderPage('/campaigns/c-1');
    expect(
      await screen.findByRole('heading', { name: 'Real owners' }),
    ).toBeInTheDocument();
    expect(api.getCampaign).toHaveBeenCalledWith('c-1');
  });
});
