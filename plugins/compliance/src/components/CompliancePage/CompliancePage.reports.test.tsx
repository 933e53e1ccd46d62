import { screen, within } from '@testing-library/react';
import {
  TestApiProvider,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { complianceApiRef } from '../../api';
import { mockComplianceApi } from '../../testing/fixtures';
import { CompliancePage } from './CompliancePage';

describe('CompliancePage reporting views', () => {
  it('shows the org tree, the trend of levels and the entity × check table below the rollup', async () => {
    const api = mockComplianceApi();
    renderInTestApp(
      <TestApiProvider apis={[[complianceApiRef, api]]}>
        <CompliancePage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    const tree = await screen.findByRole('list', { name: 'organisation tree' });
    expect(
      within(tree).getByRole('link', { name: 'ACME' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('img', { name: /Entities per compliance level/ }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'entities and checks' }),
    ).toBeInTheDocument();
    // The level filter offers the levels of the rollup.
    expect(
      within(screen.getByLabelText('Level')).getByRole('option', {
        name: 'Gold',
      }),
    ).toBeInTheDocument();
  });
});
