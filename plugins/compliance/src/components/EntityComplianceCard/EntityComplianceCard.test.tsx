import { screen } from '@testing-library/react';
import {
  componentEntity,
  entityCompliance,
  mockComplianceApi,
} from '../../testing/fixtures';
import { renderOnEntityPage } from '../../testing/__testUtils__/renderOnEntityPage';
import { EntityComplianceCard } from './EntityComplianceCard';

function renderCard(api = mockComplianceApi()) {
  return renderOnEntityPage(<EntityComplianceCard />, componentEntity, api);
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
