import { useId, type MouseEvent } from 'react';
import Button, { type ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import type {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';

/**
 * Why a person cannot take an action: the permission it needs, by name, so that they can
 * ask for it.
 *
 * @internal
 */
export function deniedReason(
  permission: BasicPermission | ResourcePermission,
  actionDescription: string,
) {
  return `You need the ${permission.name} permission to ${actionDescription}.`;
}

// The denied button is not `disabled` (that would take it out of the tab order), so it copies
// the look of MUI's disabled button. `&&` outranks the variant and colour rules of Button.
const useStyles = makeStyles(theme => ({
  denied: {
    '&&, &&:hover, &&:active': {
      color: theme.palette.action.disabled,
      backgroundColor: 'transparent',
      boxShadow: 'none',
      cursor: 'not-allowed',
    },
  },
  deniedOutlined: {
    '&&, &&:hover': { borderColor: theme.palette.action.disabledBackground },
  },
  deniedContained: {
    '&&, &&:hover, &&:active': {
      backgroundColor: theme.palette.action.disabledBackground,
    },
  },
}));

// The tooltip names its popper after the button's aria-describedby, which here is the hidden
// reason's id: without an id of its own the popper would repeat it while open.
const TOOLTIP_POPPER_PROPS = { id: undefined };

/** What a denied button does when pressed: nothing, not even submit a form or follow a link. */
function ignore(event: MouseEvent) {
  event.preventDefault();
}

/**
 * A button for an action that needs a permission. Without it the button stays in its place,
 * with a tooltip saying which permission is missing; until the answer is known it is not
 * shown, so that nobody clicks a button that turns out to be refused. The backend checks the
 * permission again, so this is about not offering what would fail.
 *
 * @internal
 */
export function PermissionButton(
  props: ButtonProps &
    (
      | { permission: BasicPermission; resourceRef?: never }
      /** A permission on a catalog entity: the policy decides for this entity. */
      | { permission: ResourcePermission; resourceRef: string }
    ) & {
      /** What the button does, completing "You need … permission to …", e.g. `start campaigns`. */
      actionDescription: string;
    },
) {
  const { permission, resourceRef, actionDescription, ...buttonProps } = props;
  const { loading, allowed } = usePermission(
    resourceRef === undefined
      ? { permission: permission as BasicPermission }
      : { permission: permission as ResourcePermission, resourceRef },
  );
  const classes = useStyles();
  const reasonId = useId();
  if (loading) {
    return null;
  }
  if (allowed) {
    return <Button {...buttonProps} />;
  }
  const reason = deniedReason(permission, actionDescription);
  // Denied, the button is aria-disabled rather than disabled: keyboard and screen reader
  // users can still reach it and learn why it does nothing. The tooltip opens on hover and
  // on keyboard focus; aria-describedby gives the reason to screen readers either way.
  const {
    variant = 'text',
    className,
    onClick: _onClick,
    ...rest
  } = buttonProps;
  return (
    <>
      <Tooltip title={reason} PopperProps={TOOLTIP_POPPER_PROPS}>
        <Button
          {...rest}
          variant={variant}
          className={[
            className,
            classes.denied,
            variant === 'outlined' && classes.deniedOutlined,
            variant === 'contained' && classes.deniedContained,
          ]
            .filter(Boolean)
            .join(' ')}
          component="button"
          type="button"
          href={undefined}
          disabled={false}
          onClick={ignore}
          aria-disabled="true"
          aria-describedby={[reasonId, rest['aria-describedby']]
            .filter(Boolean)
            .join(' ')}
          // No ripple on press (a disabled button has none); the focus ripple stays.
          disableTouchRipple
        />
      </Tooltip>
      {/* Hidden, yet read as the button's description (aria-describedby may name hidden
          elements): screen readers give the reason with the button and not a second time. */}
      <span id={reasonId} hidden>
        {reason}
      </span>
    </>
  );
}
