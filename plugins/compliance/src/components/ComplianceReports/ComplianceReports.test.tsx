import { screen } from '@testing-library/react';
import Grid from '@material-ui/core/Grid';
import {
  TestApiProvider,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { complianceApiRef } from '../../api';
import { mockComplianceApi } from '../../testing/fixtures';
import { ComplianceReports } from './ComplianceReports';

describe('ComplianceReports', () => {
  it('shows the org tree, the trend of levels and the entity × check table', async () => {
    renderInTestApp(
      <TestApiProvider apis={[[complianceApiRef, mockComplianceApi()]]}>
        <Grid container>
          <ComplianceReports levels={['bronze', 'silver']} />
        </Grid>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    expect(
      await screen.findByRole('list', { name: 'organisation tree' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('img', { name: /Entities per compliance level/ }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'entities and checks' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Silver' })).toBeInTheDocument();
  });
});
