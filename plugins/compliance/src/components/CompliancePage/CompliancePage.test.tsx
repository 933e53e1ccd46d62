import { screen, within } from '@testing-library/react';
import {
  TestApiProvider,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { complianceApiRef } from '../../api';
import { complianceRollup, mockComplianceApi } from '../../testing/fixtures';
import { CompliancePage } from './CompliancePage';

// Rendering and user events take seconds per test while the test command runs every
// package's tests at once on a 2-core machine: more than jest's default 5 s allows.
jest.setTimeout(30_000);

function renderPage(api = mockComplianceApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[complianceApiRef, api]]}>
      <CompliancePage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('CompliancePage', () => {
  it('shows the organisation-wide rollup', async () => {
    const api = mockComplianceApi({
      getRollup: jest.fn().mockResolvedValue(
        complianceRollup({
          scope: {},
          entityCount: 40,
          compliantCount: 29,
          percentCompliant: 72.5,
        }),
      ),
    });
    renderPage(api);

    expect(await screen.findByText('72.5%')).toBeInTheDocument();
    expect(api.getRollup).toHaveBeenCalledWith({});
    expect(
      screen.getByText('29 of 40 entities are compliant'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByLabelText('level distribution')).getByText('Silver'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'status counts per check' }),
      ).getByText('Owner exists'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'worst offenders' })).getByRole(
        'link',
        { name: /legacy-invoicing/ },
      ),
    ).toBeInTheDocument();
  });

  it('falls back to check ids when the check titles cannot be loaded', async () => {
    renderPage(
      mockComplianceApi({
        listChecks: jest.fn().mockRejectedValue(new Error('no checks')),
      }),
    );

    const table = await screen.findByRole('table', {
      name: 'status counts per check',
    });
    expect(within(table).getByText('ownership.owner-exists')).toBeVisible();
  });

  it('shows a failed request as an error', async () => {
    renderPage(
      mockComplianceApi({
        getRollup: jest.fn().mockRejectedValue(new Error('Backend is down')),
      }),
    );

    expect(
      (await screen.findAllByText(/Backend is down/)).length,
    ).toBeGreaterThan(0);
  });
});
