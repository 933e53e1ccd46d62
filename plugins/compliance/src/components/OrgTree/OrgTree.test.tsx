import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  TestApiProvider,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { complianceApiRef } from '../../api';
import { mockComplianceApi } from '../../testing/fixtures';
import { OrgTree } from './OrgTree';

function renderTree(api = mockComplianceApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[complianceApiRef, api]]}>
      <OrgTree />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('OrgTree', () => {
  it('shows each root group and its teams with a percent bar and a link to the group', async () => {
    renderTree();

    const tree = await screen.findByRole('list', {
      name: 'organisation tree',
    });
    const acme = within(tree).getByRole('listitem', { name: 'ACME' });
    expect(within(acme).getByRole('link', { name: 'ACME' })).toHaveAttribute(
      'href',
      '/catalog/default/group/acme',
    );
    expect(
      within(acme).getByRole('progressbar', { name: 'ACME: 60% compliant' }),
    ).toHaveAttribute('aria-valuenow', '60');
    expect(within(acme).getByText('(3 of 5)')).toBeInTheDocument();

    // The roots start expanded, their teams collapsed.
    expect(
      screen.getByRole('progressbar', { name: 'Payments: 75% compliant' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Billing: 0% compliant' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Payments EU')).not.toBeInTheDocument();
  });

  it('expands and collapses a group to show the groups below it', async () => {
    renderTree();

    const expand = await screen.findByRole('button', {
      name: 'Expand Payments',
    });
    expect(expand).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(expand);

    expect(
      screen.getByRole('link', { name: 'Payments EU' }),
    ).toBeInTheDocument();
    const collapse = screen.getByRole('button', { name: 'Collapse Payments' });
    expect(collapse).toHaveAttribute('aria-expanded', 'true');

    await userEvent.click(
      screen.getByRole('button', { name: 'Collapse ACME' }),
    );
    expect(screen.queryByText('Payments')).not.toBeInTheDocument();
  });

  it('says so when a group owns no entities', async () => {
    renderTree(
      mockComplianceApi({
        getOrgTree: jest.fn().mockResolvedValue([
          {
            groupRef: 'group:default/new-team',
            title: 'New team',
            percentCompliant: 100,
            entityCount: 0,
            compliantCount: 0,
            children: [],
          },
        ]),
      }),
    );

    expect(await screen.findByText('No entities')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('says so when the catalog has no groups', async () => {
    renderTree(
      mockComplianceApi({ getOrgTree: jest.fn().mockResolvedValue([]) }),
    );
    expect(
      await screen.findByText('There are no groups in the catalog.'),
    ).toBeInTheDocument();
  });

  it('shows a failed request as an error', async () => {
    renderTree(
      mockComplianceApi({
        getOrgTree: jest.fn().mockRejectedValue(new Error('Backend is down')),
      }),
    );
    expect(
      (await screen.findAllByText(/Backend is down/)).length,
    ).toBeGreaterThan(0);
  });
});
