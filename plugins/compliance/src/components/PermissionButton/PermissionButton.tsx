import Button, { type ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';

/**
 * Why a person cannot take an action: the permission it needs, by name, so that they can
 * ask for it.
 *
 * @internal
 */
export function deniedReason(
  permission: BasicPermission,
  actionDescription: string,
) {
  return `You need the ${permission.name} permission to ${actionDescription}.`;
}

/**
 * A button for an action that needs a permission. Without it the button stays in its place,
 * disabled, with a tooltip saying which permission is missing; until the answer is known it
 * is not shown, so that nobody clicks a button that turns out to be refused. The backend
 * checks the permission again, so this is about not offering what would fail.
 *
 * @internal
 */
export function PermissionButton(
  props: ButtonProps & {
    permission: BasicPermission;
    /** What the button does, completing "You need … permission to …", e.g. `start campaigns`. */
    actionDescription: string;
  },
) {
  const { permission, actionDescription, ...buttonProps } = props;
  const { loading, allowed } = usePermission({ permission });
  if (loading) {
    return null;
  }
  if (allowed) {
    return <Button {...buttonProps} />;
  }
  // A disabled button fires no events: the wrapper carries the tooltip.
  return (
    <Tooltip title={deniedReason(permission, actionDescription)}>
      <span>
        <Button {...buttonProps} disabled />
      </span>
    </Tooltip>
  );
}
