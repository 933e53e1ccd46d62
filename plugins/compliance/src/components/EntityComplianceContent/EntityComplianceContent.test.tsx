import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  componentEntity,
  entityCompliance,
  mockComplianceApi,
  responseError,
} from '../../testing/fixtures';
import { renderOnEntityPage } from '../../testing/__testUtils__/renderOnEntityPage';
import type { TestAppAccess } from '../../testing/__testUtils__/renderWithAccess';
import { toDayString } from '../RequestExemptionDialog/validateExemptionRequest';
import { EntityComplianceContent } from './EntityComplianceContent';

// Rendering and user events take seconds per test while the test command runs every
// package's tests at once on a 2-core machine: more than jest's default 5 s allows.
jest.setTimeout(30_000);

/** By default as bob, allowed everything, who did not request the fixture's exemption. */
function renderContent(api = mockComplianceApi(), access?: TestAppAccess) {
  return renderOnEntityPage(
    <EntityComplianceContent />,
    componentEntity,
    api,
    access,
  );
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
    // An older backend's row for a first result, and the first evaluation itself.
    expect(within(history).getByText(/First result/)).toBeInTheDocument();
    expect(within(history).getByText('First evaluated')).toBeInTheDocument();
  });

  it('says since when nothing has changed when there is no history', async () => {
    renderContent(
      mockComplianceApi({
        getEntity: jest
          .fn()
          .mockResolvedValue(entityCompliance({ history: [] })),
      }),
    );
    expect(
      await screen.findByText(
        /No status has changed since the first evaluation on/,
      ),
    ).toBeInTheDocument();
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

  it('takes the longest exemption from compliance.exemptions.maxDays', async () => {
    const api = mockComplianceApi({
      requestExemption: jest.fn().mockResolvedValue({}),
    });
    renderContent(api, {
      config: { compliance: { exemptions: { maxDays: 30 } } },
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Request exemption from Owner has members',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('it can last at most 30 days.');
    const expiry = within(dialog).getByLabelText(/Expires on/);
    expect(expiry).toHaveAttribute('max', inDays(30));

    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'Staffing');
    fireEvent.change(expiry, { target: { value: inDays(45) } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request exemption' }),
    );
    expect(
      within(dialog).getByText(
        `An exemption can last at most 30 days (until ${inDays(30)}).`,
      ),
    ).toBeInTheDocument();
    expect(api.requestExemption).not.toHaveBeenCalled();

    fireEvent.change(expiry, { target: { value: inDays(30) } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request exemption' }),
    );
    await waitFor(() => expect(api.requestExemption).toHaveBeenCalledTimes(1));
  });

  it('allows 90 days when compliance.exemptions.maxDays is not set', async () => {
    renderContent();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Request exemption from Owner has members',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('it can last at most 90 days.');
    expect(within(dialog).getByLabelText(/Expires on/)).toHaveAttribute(
      'max',
      inDays(90),
    );
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

  it('disables Request exemption, saying why, without compliance.exemption.create', async () => {
    renderContent(mockComplianceApi(), {
      denied: ['compliance.exemption.create'],
    });
    await screen.findByRole('table', { name: 'compliance checks' });

    const button = await within(checkRow('Owner has members')).findByRole(
      'button',
      { name: 'Request exemption from Owner has members' },
    );
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAccessibleDescription(
      'You need the compliance.exemption.create permission to request exemptions.',
    );
    // Deciding is a different permission.
    const exemptions = screen.getByRole('table', { name: 'exemptions' });
    expect(
      await within(exemptions).findByRole('button', { name: 'Approve' }),
    ).toBeEnabled();
  });

  it('offers Approve and Reject of a pending exemption to someone other than the requester', async () => {
    renderContent(mockComplianceApi(), { userEntityRef: 'user:default/bob' });
    const exemptions = await screen.findByRole('table', { name: 'exemptions' });

    expect(
      await within(exemptions).findByRole('button', { name: 'Approve' }),
    ).toBeEnabled();
    expect(
      within(exemptions).getByRole('button', { name: 'Reject' }),
    ).toBeEnabled();
    expect(
      within(exemptions).queryByText(/Awaiting approval/),
    ).not.toBeInTheDocument();
  });

  it('disables Approve and Reject, saying why, without compliance.exemption.approve', async () => {
    const api = mockComplianceApi();
    renderContent(api, { denied: ['compliance.exemption.approve'] });
    const exemptions = await screen.findByRole('table', { name: 'exemptions' });

    const approve = await within(exemptions).findByRole('button', {
      name: 'Approve',
    });
    const reject = within(exemptions).getByRole('button', { name: 'Reject' });
    expect(approve).toHaveAttribute('aria-disabled', 'true');
    expect(reject).toHaveAttribute('aria-disabled', 'true');
    expect(approve).toHaveAccessibleDescription(
      'You need the compliance.exemption.approve permission to approve exemptions.',
    );
    expect(reject).toHaveAccessibleDescription(
      'You need the compliance.exemption.approve permission to reject exemptions.',
    );
    await userEvent.click(approve);
    expect(api.decideExemption).not.toHaveBeenCalled();
  });

  it('tells the requester that their exemption awaits someone else, instead of offering Approve', async () => {
    // The fixture's pending exemption was requested by alice.
    renderContent(mockComplianceApi(), {
      userEntityRef: 'user:default/alice',
    });
    const exemptions = await screen.findByRole('table', { name: 'exemptions' });

    expect(
      await within(exemptions).findByText('Awaiting approval by someone else'),
    ).toBeInTheDocument();
    expect(
      within(exemptions).queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      within(exemptions).queryByRole('button', { name: 'Reject' }),
    ).not.toBeInTheDocument();
  });

  it('recognises the requester whatever the case of their entity ref', async () => {
    renderContent(mockComplianceApi(), {
      userEntityRef: 'user:default/Alice',
    });
    const exemptions = await screen.findByRole('table', { name: 'exemptions' });
    expect(
      await within(exemptions).findByText('Awaiting approval by someone else'),
    ).toBeInTheDocument();
    expect(
      within(exemptions).queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  });

  it('shows a refusal from the server as it words it when approving', async () => {
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

  it('disables Re-evaluate now, saying why, without compliance.evaluate', async () => {
    const api = mockComplianceApi();
    renderContent(api, { denied: ['compliance.evaluate'] });

    const button = await screen.findByRole('button', {
      name: 'Re-evaluate now',
    });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAccessibleDescription(
      'You need the compliance.evaluate permission to re-evaluate now (checks still run on their schedule).',
    );
    await userEvent.click(button);
    expect(api.evaluate).not.toHaveBeenCalled();
  });

  it('disables Re-evaluate now for an entity never evaluated, without compliance.evaluate', async () => {
    renderContent(
      mockComplianceApi({
        getEntity: jest.fn().mockResolvedValue(
          entityCompliance({
            level: null,
            results: [],
            exemptions: [],
            history: [],
            evaluatedAt: undefined,
          }),
        ),
      }),
      { denied: ['compliance.evaluate'] },
    );

    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Re-evaluate now' }),
    ).toHaveAttribute('aria-disabled', 'true');
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
