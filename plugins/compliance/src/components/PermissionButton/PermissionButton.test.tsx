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
    expect(screen.queryByTitle(REASON)).not.toBeInTheDocument();
    await userEvent.click(allowed);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('is disabled, with the missing permission as the reason, when denied', async () => {
    const onClick = jest.fn();
    renderWithAccess(button(onClick), { denied: ['compliance.evaluate'] });
    const denied = await screen.findByRole('button', { name: 'Re-evaluate' });
    expect(denied).toBeDisabled();
    const wrapper = screen.getByTitle(REASON);
    expect(wrapper).toContainElement(denied);

    // The reason shows as a tooltip on hover.
    await userEvent.hover(wrapper);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(REASON);
    await userEvent.click(denied, { pointerEventsCheck: 0 });
    expect(onClick).not.toHaveBeenCalled();
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
    ).toBeDisabled();
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
