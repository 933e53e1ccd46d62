import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { complianceEvaluatePermission } from '@runway/plugin-compliance-common';
import {
  FreshPermissionCache,
  renderWithAccess,
} from '../../testing/__testUtils__/renderWithAccess';
import { PermissionButton } from './PermissionButton';

const REASON =
  'You need the compliance.evaluate permission to re-evaluate entities.';

function button(onClick = jest.fn()) {
  return (
    <PermissionButton
      permission={complianceEvaluatePermission}
      resourceRef="component:default/payments-api"
      actionDescription="re-evaluate entities"
      onClick={onClick}
    >
      Re-evaluate
    </PermissionButton>
  );
}

describe('PermissionButton', () => {
  it('is an ordinary button when the permission is granted', async () => {
    const onClick = jest.fn();
    renderWithAccess(button(onClick));
    const allowed = await screen.findByRole('button', { name: 'Re-evaluate' });
    expect(allowed).toBeEnabled();
    expect(allowed).not.toHaveAttribute('aria-disabled');
    expect(allowed).not.toHaveAccessibleDescription();
    expect(screen.queryByText(REASON)).not.toBeInTheDocument();
    await userEvent.click(allowed);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('is aria-disabled, with the missing permission as the reason, when denied', async () => {
    const onClick = jest.fn();
    renderWithAccess(button(onClick), { denied: ['compliance.evaluate'] });
    const denied = await screen.findByRole('button', { name: 'Re-evaluate' });
    expect(denied).toHaveAttribute('aria-disabled', 'true');
    // Screen readers get the reason whether or not the tooltip is open.
    expect(denied).toHaveAccessibleDescription(REASON);

    // The reason shows as a tooltip on hover, and stays the description, its id unique.
    await userEvent.hover(denied);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(REASON);
    expect(denied).toHaveAccessibleDescription(REASON);
    const reasonId = denied.getAttribute('aria-describedby');
    expect(document.querySelectorAll(`[id="${reasonId}"]`)).toHaveLength(1);

    await userEvent.click(denied);
    expect(onClick).not.toHaveBeenCalled();
  });

  it('can be reached with the keyboard when denied, and does nothing when pressed', async () => {
    const onClick = jest.fn();
    renderWithAccess(button(onClick), { denied: ['compliance.evaluate'] });
    const denied = await screen.findByRole('button', { name: 'Re-evaluate' });

    await userEvent.tab();
    expect(denied).toHaveFocus();
    expect(denied).toHaveAccessibleDescription(REASON);
    // Keyboard focus opens the tooltip too.
    expect(await screen.findByRole('tooltip')).toHaveTextContent(REASON);
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard(' ');
    expect(onClick).not.toHaveBeenCalled();
  });

  it('neither submits a form nor follows a link when denied', async () => {
    const onSubmit = jest.fn((event: { preventDefault(): void }) =>
      event.preventDefault(),
    );
    renderWithAccess(
      <form onSubmit={onSubmit}>
        <PermissionButton
          permission={complianceEvaluatePermission}
          resourceRef="component:default/payments-api"
          actionDescription="re-evaluate entities"
          type="submit"
          href="/elsewhere"
        >
          Re-evaluate
        </PermissionButton>
      </form>,
      { denied: ['compliance.evaluate'] },
    );
    const denied = await screen.findByRole('button', { name: 'Re-evaluate' });
    expect(denied.tagName).toBe('BUTTON');
    expect(denied).not.toHaveAttribute('href');
    await userEvent.click(denied);
    denied.focus();
    await userEvent.keyboard('{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('asks about the permission it was given', async () => {
    const permissionApi = mockApis.permission.mock({
      authorize: jest.fn().mockResolvedValue({ result: AuthorizeResult.DENY }),
    });
    renderInTestApp(<FreshPermissionCache>{button()}</FreshPermissionCache>, {
      apis: [permissionApi],
    });
    expect(
      await screen.findByRole('button', { name: 'Re-evaluate' }),
    ).toHaveAttribute('aria-disabled', 'true');
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'compliance.evaluate' }),
      }),
    );
  });

  it('is not shown until the answer is known', async () => {
    const permissionApi = mockApis.permission.mock({
      authorize: jest.fn().mockReturnValue(new Promise(() => {})),
    });
    renderInTestApp(<FreshPermissionCache>{button()}</FreshPermissionCache>, {
      apis: [permissionApi],
    });
    await waitFor(() => expect(permissionApi.authorize).toHaveBeenCalled());
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
