import { render, screen } from '@testing-library/react';
import { BurnUpChart } from './BurnUpChart';

describe('BurnUpChart', () => {
  it('draws done and in-scope per day, and says where it ends', () => {
    const { container } = render(
      <BurnUpChart
        points={[
          { date: '2026-11-20', done: 1, total: 4 },
          { date: '2026-11-21', done: 2, total: 4 },
          { date: '2026-11-22', done: 3, total: 5 },
        ]}
      />,
    );

    const chart = screen.getByRole('img', {
      name: /Burn-up: entities done and in scope per day.*on 2026-11-22, 3 of 5 entities done/,
    });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    // One marker per day, each with its numbers on hover.
    const markers = container.querySelectorAll('circle');
    expect(markers).toHaveLength(3);
    expect(markers[1].textContent).toBe('2026-11-21: 2 of 4 done');
    // The y axis goes up to the largest scope.
    expect(screen.getByText('5')).toBeInTheDocument();
    expect(container.querySelectorAll('path')).toHaveLength(3);
  });

  it('draws a single day in the middle', () => {
    const { container } = render(
      <BurnUpChart points={[{ date: '2026-11-20', done: 0, total: 0 }]} />,
    );
    expect(container.querySelector('circle')?.getAttribute('cx')).toBe('332');
  });

  it('says so when there is nothing to draw', () => {
    render(<BurnUpChart points={[]} />);
    expect(screen.getByText('No data yet.')).toBeInTheDocument();
  });
});
