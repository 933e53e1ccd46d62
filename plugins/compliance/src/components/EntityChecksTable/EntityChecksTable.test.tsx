import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  TestApiProvider,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { complianceApiRef } from '../../api';
import { mockComplianceApi } from '../../testing/fixtures';
import { entityComplianceList } from '../../testing/reportFixtures';
import { EntityChecksTable } from './EntityChecksTable';

function renderTable(api = mockComplianceApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[complianceApiRef, api]]}>
      <EntityChecksTable levels={['gold', 'silver', 'bronze', 'none']} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const lastQuery = (api: ReturnType<typeof mockComplianceApi>) =>
  api.listEntities.mock.calls[api.listEntities.mock.calls.length - 1][0];

describe('EntityChecksTable', () => {
  it('shows entities as rows and checks as columns, each cell a status chip', async () => {
    const api = mockComplianceApi();
    renderTable(api);

    const table = await screen.findByRole('table', {
      name: 'entities and checks',
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'Entity',
      'Level',
      'Owner exists',
      'Owner has members',
    ]);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      within(rows[0]).getByRole('link', { name: /legacy-invoicing/ }),
    ).toBeInTheDocument();
    expect(
      within(rows[0])
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['legacy-invoicing', 'No level', 'Fail', 'Error']);
    expect(
      within(rows[1])
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['payments-api', 'Bronze', 'Pass', 'Exempt']);
    expect(api.listEntities).toHaveBeenCalledWith({ offset: 0, limit: 25 });
    expect(screen.getByText(/^1.25 of 60$/)).toBeInTheDocument();
  });

  it('sends every filter to the server and starts again at the first page', async () => {
    const api = mockComplianceApi();
    renderTable(api);
    await screen.findByRole('table', { name: 'entities and checks' });

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({ offset: 25, limit: 25 }),
    );

    // The owner options are the org tree's groups, sub-teams included.
    await waitFor(() =>
      expect(
        within(screen.getByLabelText('Owner')).getByRole('option', {
          name: /Payments EU/,
        }),
      ).toBeInTheDocument(),
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Owner'),
      'group:default/team-payments',
    );
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'API');
    await userEvent.selectOptions(
      screen.getByLabelText('Check'),
      'ownership.owner-exists',
    );
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'fail');
    await userEvent.selectOptions(screen.getByLabelText('Level'), 'none');
    await userEvent.type(screen.getByLabelText('Search'), 'invoic');

    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        ownerRef: 'group:default/team-payments',
        kind: 'API',
        checkId: 'ownership.owner-exists',
        status: 'fail',
        level: 'none',
        q: 'invoic',
        offset: 0,
        limit: 25,
      }),
    );

    await userEvent.selectOptions(screen.getByLabelText('Kind'), '');
    await waitFor(() => expect(lastQuery(api)?.kind).toBeUndefined());
  });

  it('says so when no entity matches', async () => {
    renderTable(
      mockComplianceApi({
        listEntities: jest
          .fn()
          .mockResolvedValue(
            entityComplianceList({ items: [], totalItems: 0 }),
          ),
      }),
    );
    expect(
      await screen.findByText('No entity matches these filters.'),
    ).toBeInTheDocument();
  });

  it('falls back to check ids as columns when the checks cannot be loaded', async () => {
    renderTable(
      mockComplianceApi({
        listChecks: jest.fn().mockRejectedValue(new Error('no checks')),
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'entities and checks',
    });
    await waitFor(() =>
      expect(
        within(table).getByRole('columnheader', {
          name: 'ownership.owner-exists',
        }),
      ).toBeInTheDocument(),
    );
  });

  it('shows a failed request as an error', async () => {
    renderTable(
      mockComplianceApi({
        listEntities: jest.fn().mockRejectedValue(new Error('Backend is down')),
      }),
    );
    expect(
      (await screen.findAllByText(/Backend is down/)).length,
    ).toBeGreaterThan(0);
  });
});
