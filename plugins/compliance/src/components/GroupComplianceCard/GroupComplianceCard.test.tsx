import { screen, within } from '@testing-library/react';
import {
  complianceRollup,
  groupEntity,
  mockComplianceApi,
} from '../../testing/fixtures';
import { renderOnEntityPage } from '../../testing/__testUtils__/renderOnEntityPage';
import { GroupComplianceCard } from './GroupComplianceCard';

function renderCard(api = mockComplianceApi()) {
  return renderOnEntityPage(<GroupComplianceCard />, groupEntity, api);
}

describe('GroupComplianceCard', () => {
  it('asks for the rollup of the group (the backend adds its sub-teams)', async () => {
    const api = mockComplianceApi();
    renderCard(api);

    await screen.findByText('Team compliance');
    expect(api.getRollup).toHaveBeenCalledWith({
      ownerRef: 'group:default/team-payments',
    });
  });

  it('shows the percent compliant and the level distribution', async () => {
    renderCard();

    expect(await screen.findByText('75%')).toBeInTheDocument();
    expect(
      screen.getByText('3 of 4 entities are compliant'),
    ).toBeInTheDocument();
    const levels = screen.getByLabelText('level distribution');
    expect(within(levels).getByText('Gold')).toBeInTheDocument();
    expect(within(levels).getByText('No level')).toBeInTheDocument();
  });

  it('shows a fraction of a percent rather than rounding up to 100%', async () => {
    renderCard(
      mockComplianceApi({
        getRollup: jest.fn().mockResolvedValue(
          complianceRollup({
            entityCount: 1000,
            compliantCount: 996,
            percentCompliant: 99.6,
          }),
        ),
      }),
    );

    expect(await screen.findByText('99.6%')).toBeInTheDocument();
  });

  it('links the worst offenders to their entity pages', async () => {
    renderCard();

    const offenders = await screen.findByRole('table', {
      name: 'worst offenders',
    });
    const link = within(offenders).getByRole('link', {
      name: /legacy-invoicing/,
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/legacy-invoicing',
    );
    // Check ids are shown by their titles.
    expect(
      within(offenders).getByText('Owner exists, Owner has members'),
    ).toBeInTheDocument();
  });

  it('shows the status counts per check', async () => {
    renderCard();

    const table = await screen.findByRole('table', {
      name: 'status counts per check',
    });
    const row = (await within(table).findByText('Owner has members')).closest(
      'tr',
    )!;
    // pass, fail, exempt, not-applicable, error
    expect(
      within(row)
        .getAllByRole('cell')
        .slice(1)
        .map(cell => cell.textContent),
    ).toEqual(['2', '1', '1', '0', '0']);
  });

  it('explains a team with nothing evaluated', async () => {
    renderCard(
      mockComplianceApi({
        getRollup: jest.fn().mockResolvedValue(
          complianceRollup({
            entityCount: 0,
            compliantCount: 0,
            percentCompliant: 100,
            levels: {},
            checks: {},
            worstOffenders: [],
          }),
        ),
      }),
    );

    expect(
      await screen.findByText(/has been evaluated yet/),
    ).toBeInTheDocument();
    expect(screen.queryByText('100%')).not.toBeInTheDocument();
  });
});
