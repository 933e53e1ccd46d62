import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  TestApiProvider,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { complianceApiRef } from '../../api';
import { mockComplianceApi } from '../../testing/fixtures';
import { LevelTrendChart } from './LevelTrendChart';

function renderChart(api = mockComplianceApi(), ownerRef?: string) {
  return renderInTestApp(
    <TestApiProvider apis={[[complianceApiRef, api]]}>
      <LevelTrendChart ownerRef={ownerRef} />
    </TestApiProvider>,
  );
}

describe('LevelTrendChart', () => {
  it('draws one stacked area per level with a description of the latest day', async () => {
    const api = mockComplianceApi();
    renderChart(api);

    const chart = await screen.findByRole('img', {
      name: /Entities per compliance level, per day/,
    });
    expect(api.getTrend).toHaveBeenCalledWith({ days: 30 });
    expect(chart).toHaveAccessibleName(
      'Entities per compliance level, per day 3 days from 2026-11-18 to 2026-11-20. On 2026-11-20: Silver 2, Bronze 2, No level 1.',
    );
    // Best level at the bottom: drawn first.
    const areas = chart.querySelectorAll('path');
    expect([...areas].map(a => a.querySelector('title')?.textContent)).toEqual([
      'Silver',
      'Bronze',
      'No level',
    ]);
    // Each day tells its numbers when pointed at.
    expect(
      [...chart.querySelectorAll('rect > title')].map(t => t.textContent),
    ).toEqual([
      '2026-11-18: Silver 1, Bronze 2, No level 2',
      '2026-11-19: Silver 1, Bronze 3, No level 1',
      '2026-11-20: Silver 2, Bronze 2, No level 1',
    ]);
  });

  it('has a legend with the latest numbers per level, highest level first', async () => {
    renderChart();

    const legend = await screen.findByRole('list', { name: 'legend' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['Silver: 2', 'Bronze: 2', 'No level: 1']);
  });

  it('asks for a longer period, and for a group when given one', async () => {
    const api = mockComplianceApi();
    renderChart(api, 'group:default/team-payments');
    await screen.findByRole('img');
    expect(api.getTrend).toHaveBeenCalledWith({
      ownerRef: 'group:default/team-payments',
      days: 30,
    });

    await userEvent.selectOptions(screen.getByLabelText('Period'), '90');
    await waitFor(() =>
      expect(api.getTrend).toHaveBeenLastCalledWith({
        ownerRef: 'group:default/team-payments',
        days: 90,
      }),
    );
  });

  it('draws a single day across the whole width', async () => {
    renderChart(
      mockComplianceApi({
        getTrend: jest.fn().mockResolvedValue({
          points: [{ date: '2026-11-20', levels: { gold: 1, none: 0 } }],
        }),
      }),
    );
    const chart = await screen.findByRole('img');
    expect(chart).toHaveAccessibleName(/1 day from 2026-11-20/);
    expect(chart.querySelectorAll('path')).toHaveLength(2);
  });

  it('says so when nothing was evaluated in the period', async () => {
    renderChart(
      mockComplianceApi({
        getTrend: jest.fn().mockResolvedValue({
          points: [
            { date: '2026-11-19', levels: { bronze: 0, none: 0 } },
            { date: '2026-11-20', levels: { bronze: 0, none: 0 } },
          ],
        }),
      }),
    );
    expect(
      await screen.findByText('No entity was evaluated in this period.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('shows a failed request as an error', async () => {
    renderChart(
      mockComplianceApi({
        getTrend: jest.fn().mockRejectedValue(new Error('Backend is down')),
      }),
    );
    expect(
      (await screen.findAllByText(/Backend is down/)).length,
    ).toBeGreaterThan(0);
  });
});
