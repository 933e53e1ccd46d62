import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { grey } from '@material-ui/core/colors';
import { levelTitle } from '../../lib/format';

// Metal colours for the default levels; dark text keeps them readable on all three.
const useStyles = makeStyles(theme => ({
  bronze: { backgroundColor: '#cd7f32', color: grey[900] },
  silver: { backgroundColor: '#c0c0c0', color: grey[900] },
  gold: { backgroundColor: '#ffd54f', color: grey[900] },
  none: { borderColor: grey[500], color: theme.palette.text.secondary },
  other: {
    backgroundColor: theme.palette.primary.main,
    color: theme.palette.primary.contrastText,
  },
}));

/**
 * The scorecard level an entity reached (`null` or `none` for none), as a coloured
 * badge. Levels an app configures beyond bronze, silver and gold get the primary colour.
 *
 * @internal
 */
export function ComplianceLevelBadge(props: {
  level: string | null;
  /** The configured title of the level, when known; otherwise derived from its id. */
  title?: string;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const id = props.level?.toLocaleLowerCase('en-US') ?? 'none';
  const title = props.title ?? levelTitle(props.level);
  const isNone = id === 'none';
  let className = classes.other;
  if (id === 'bronze' || id === 'silver' || id === 'gold' || isNone) {
    className = classes[id];
  }
  return (
    <Chip
      size={props.size ?? 'medium'}
      variant={isNone ? 'outlined' : 'default'}
      label={title}
      aria-label={`Compliance level: ${title}`}
      className={className}
    />
  );
}
