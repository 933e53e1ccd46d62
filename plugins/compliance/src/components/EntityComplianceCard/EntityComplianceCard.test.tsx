import { screen } from '@testing-library/react';
import {
  TestApiProvider,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { complianceApiRef } from '../../api';
import {
  componentEntity,
  entityCompliance,
  mockComplianceApi,
} from '../../testing/fixtures';
import { EntityComplianceCard } from './EntityComplianceCard';

function renderCard(api = mockComplianceApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[complianceApiRef, api]]}>
      <EntityProvider entity={componentEntity}>
        <EntityComplianceCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityComplianceCard', () => {
  it('shows the level and how many checks pass, fail or are exempt', async () => {
    renderCard();

    expect(
      await screen.findByLabelText('Compliance level: Bronze'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('check counts')).toHaveTextContent(
      /^Pass\s*1\s*Fail\s*1\s*Exempt\s*1$/,
    );
  });

  it('links to the Compliance tab of the entity', async () => {
    renderCard();

    const link = await screen.findByRole('link', {
      name: /View compliance details/,
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/compliance',
    );
  });

  it('says when the entity was never evaluated', async () => {
    renderCard(
      mockComplianceApi({
        getEntity: jest.fn().mockResolvedValue(
          entityCompliance({
            level: null,
            results: [],
            evaluatedAt: undefined,
          }),
        ),
      }),
    );

    expect(await screen.findByText('Not evaluated yet.')).toBeInTheDocument();
  });
});
