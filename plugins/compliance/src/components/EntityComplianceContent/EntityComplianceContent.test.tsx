import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  componentEntity,
  entityCompliance,
  mockComplianceApi,
  responseError,
} from '../../testing/fixtures';
import { renderOnEntityPage } from '../../testing/__testUtils__/renderOnEntityPage';
import { toDayString } from '../RequestExemptionDialog/validateExemptionRequest';
import { EntityComplianceContent } from './EntityComplianceContent';

function renderContent(api = mockComplianceApi()) {
  return renderOnEntityPage(<EntityComplianceContent />, componentEntity, api);
}

function inDays(days: number): string {
  const now = new Date();
  return toDayString(
    new Date(now.getFullYear(), now.getMonth(), now.getDate() + days),
  );
}

function checkRow(title: string) {
  const table = screen.getByRole('table', { name: 'compliance checks' });
  return within(table).getByText(title).closest('tr')!;
}

describe('EntityComplianceContent', () => {
  it('shows every check with its status, the reason and the fix', async () => {
    const api = mockComplianceApi();
    renderContent(api);

    await screen.findByRole('table', { name: 'compliance checks' });
    expect(api.getEntity).toHaveBeenCalledWith(
      'component:default/payments-api',
    );

    const failing = checkRow('Owner has members');
    expect(within(failing).getByText('Fail')).toBeInTheDocument();
    expect(
      within(failing).getByText('group:default/team-payments has no members'),
    ).toBeInTheDocument();
    expect(
      within(failing).getByText(
        'Add at least one user to team-payments in the catalog',
      ),
    ).toBeInTheDocument();

    const exempt = checkRow('System assigned');
    expect(within(exempt).getByText('Exempt')).toBeInTheDocument();
    expect(within(exempt).getByText('spec.system is not set')).toBeVisible();

    expect(within(checkRow('Owner exists')).getByText('Pass')).toBeVisible();
    expect(screen.getByLabelText('Compliance level: Bronze')).toBeVisible();
  });

  it('offers an exemption only for failing checks', async () => {
    renderContent();
    await screen.findByRole('table', { name: 'compliance checks' });

    expect(
      within(checkRow('Owner has members')).getByRole('button', {
        name: /request exemption/i,
      }),
    ).toBeInTheDocument();
    expect(
      within(checkRow('Owner exists')).queryByRole('button'),
    ).not.toBeInTheDocument();
    expect(
      within(checkRow('System assigned')).queryByRole('button'),
    ).not.toBeInTheDocument();
  });

  it('lists exemptions and the history of status changes', async () => {
    renderContent();
    const exemptions = await screen.findByRole('table', { name: 'exemptions' });

    expect(
      within(exemptions).getByText('Being moved to the new payments system'),
    ).toBeInTheDocument();
    expect(within(exemptions).getByText('Pending')).toBeInTheDocument();
    expect(within(exemptions).getByText(/alice/)).toBeInTheDocument();

    const history = screen.getByLabelText('compliance history');
    expect(within(history).getAllByText('Owner has members')).toHaveLength(2);
    expect(within(history).getByText(/First result/)).toBeInTheDocument();
  });

  it('checks the exemption request before sending it', async () => {
    const api = mockComplianceApi({
      requestExemption: jest.fn().mockResolvedValue({}),
    });
    renderContent(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Request exemption from Owner has members',
      }),
    );
    const dialog = await screen.findByRole('dialog');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request exemption' }),
    );
    expect(
      within(dialog).getByText('Say why this check cannot be met for now.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Pick the day the exemption ends.'),
    ).toBeInTheDocument();

    const expiry = within(dialog).getByLabelText(/Expires on/);
    fireEvent.change(expiry, { target: { value: inDays(0) } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request exemption' }),
    );
    expect(
      within(dialog).getByText('The expiry date must be in the future.'),
    ).toBeInTheDocument();

    fireEvent.change(expiry, { target: { value: inDays(91) } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request exemption' }),
    );
    expect(
      within(dialog).getByText(/An exemption can last at most 90 days/),
    ).toBeInTheDocument();

    expect(api.requestExemption).not.toHaveBeenCalled();
  });

  it('sends a valid exemption request and reloads the entity', async () => {
    const api = mockComplianceApi({
      requestExemption: jest.fn().mockResolvedValue({}),
    });
    renderContent(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Request exemption from Owner has members',
      }),
    );
    const dialog = await screen.findByRole('dialog');

    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      '  Staffing  ',
    );
    const expiresOn = inDays(30);
    fireEvent.change(within(dialog).getByLabelText(/Expires on/), {
      target: { value: expiresOn },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request exemption' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    const [year, month, day] = expiresOn.split('-').map(Number);
    expect(api.requestExemption).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
      checkId: 'ownership.owner-has-members',
      reason: 'Staffing',
      expiresAt: new Date(year, month - 1, day).toISOString(),
    });
    expect(api.getEntity).toHaveBeenCalledTimes(2);
  });

  it("shows the server's four-eyes refusal when approving", async () => {
    const refusal = await responseError(
      403,
      'NotAllowedError',
      'You cannot decide your own exemption request: another person must approve it (four-eyes)',
    );
    const api = mockComplianceApi({
      decideExemption: jest.fn().mockRejectedValue(refusal),
    });
    renderContent(api);

    const exemptions = await screen.findByRole('table', { name: 'exemptions' });
    await userEvent.click(
      within(exemptions).getByRole('button', { name: 'Approve' }),
    );

    expect(
      await screen.findByText(
        /You cannot decide your own exemption request: another person must approve it \(four-eyes\)/,
      ),
    ).toBeInTheDocument();
    expect(api.decideExemption).toHaveBeenCalledWith('ex-1', {
      decision: 'approve',
    });
    expect(screen.queryByText(/Request failed with 403/)).toBeNull();
  });

  it('rejects a pending exemption and reloads the entity', async () => {
    const api = mockComplianceApi({
      decideExemption: jest.fn().mockResolvedValue({}),
    });
    renderContent(api);
    const exemptions = await screen.findByRole('table', { name: 'exemptions' });

    await userEvent.click(
      within(exemptions).getByRole('button', { name: 'Reject' }),
    );

    await waitFor(() => expect(api.getEntity).toHaveBeenCalledTimes(2));
    expect(api.decideExemption).toHaveBeenCalledWith('ex-1', {
      decision: 'reject',
    });
  });

  it('re-evaluates on request and shows the fresh results', async () => {
    const fresh = entityCompliance({
      level: 'silver',
      results: entityCompliance().results.map(r => ({
        ...r,
        status: 'pass' as const,
        message: `${r.title} is fine now`,
      })),
    });
    const api = mockComplianceApi({
      evaluate: jest.fn().mockResolvedValue(fresh),
    });
    renderContent(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Re-evaluate now' }),
    );

    expect(
      await screen.findByText('Owner has members is fine now'),
    ).toBeInTheDocument();
    expect(api.evaluate).toHaveBeenCalledWith('component:default/payments-api');
    expect(screen.getByLabelText('Compliance level: Silver')).toBeVisible();
  });

  it('explains an entity that was never evaluated', async () => {
    const api = mockComplianceApi({
      getEntity: jest.fn().mockResolvedValue(
        entityCompliance({
          level: null,
          results: [],
          exemptions: [],
          history: [],
          evaluatedAt: undefined,
        }),
      ),
    });
    renderContent(api);

    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Re-evaluate now' }),
    );
    expect(api.evaluate).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByRole('table', { name: 'compliance checks' }),
    ).toBeInTheDocument();
  });

  it('shows a failed load as an error', async () => {
    const api = mockComplianceApi({
      getEntity: jest
        .fn()
        .mockRejectedValue(
          await responseError(404, 'NotFoundError', 'No entity in the catalog'),
        ),
    });
    renderContent(api);

    expect(
      await screen.findAllByText(/No entity in the catalog/),
    ).not.toHaveLength(0);
  });

  it('renders text from the API as text, never as HTML', async () => {
    const attack = '<img src=x onerror=alert(1)>';
    const api = mockComplianceApi({
      getEntity: jest.fn().mockResolvedValue(
        entityCompliance({
          results: [
            {
              checkId: 'x',
              title: `Title ${attack}`,
              status: 'fail',
              message: `Message ${attack}`,
              remediation: `Fix ${attack}`,
              evaluatedAt: '2026-11-20T10:00:00.000Z',
            },
          ],
          exemptions: [
            {
              ...entityCompliance().exemptions[0],
              reason: `Reason ${attack}`,
            },
          ],
        }),
      ),
    });
    const { container } = renderContent(api);

    expect(await screen.findByText(`Message ${attack}`)).toBeInTheDocument();
    expect(screen.getByText(`Fix ${attack}`)).toBeInTheDocument();
    expect(screen.getByText(`Title ${attack}`)).toBeInTheDocument();
    expect(screen.getByText(`Reason ${attack}`)).toBeInTheDocument();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(document.querySelector('img[onerror]')).toBeNull();
  });
});
