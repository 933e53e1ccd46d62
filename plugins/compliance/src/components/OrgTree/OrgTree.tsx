import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { green, orange, red } from '@material-ui/core/colors';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { OrgTreeNode } from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../../api';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, paddingLeft: theme.spacing(3) },
  rootList: { listStyle: 'none', margin: 0, padding: 0 },
  row: { display: 'flex', alignItems: 'center', minHeight: 40 },
  toggle: { width: 36, flexShrink: 0 },
  name: { flex: '1 1 40%', minWidth: 0, overflowWrap: 'anywhere' },
  bar: { flex: '1 1 30%', margin: theme.spacing(0, 2), height: 8 },
  numbers: { flex: '0 0 9em', textAlign: 'right' },
  // The bar's colour repeats what its number says, for a quick scan.
  good: { backgroundColor: green[600] },
  fair: { backgroundColor: orange[700] },
  poor: { backgroundColor: red[700] },
}));

function percentLabel(node: OrgTreeNode): string {
  return `${Number(
    Math.min(100, Math.max(0, node.percentCompliant)).toFixed(1),
  )}%`;
}

function GroupRow(props: { node: OrgTreeNode; initiallyExpanded: boolean }) {
  const { node } = props;
  const classes = useStyles();
  const [expanded, setExpanded] = useState(props.initiallyExpanded);
  const hasChildren = node.children.length > 0;
  let barClass = classes.poor;
  if (node.percentCompliant >= 80) barClass = classes.good;
  else if (node.percentCompliant >= 50) barClass = classes.fair;

  return (
    <li aria-label={node.title}>
      <div className={classes.row}>
        <div className={classes.toggle}>
          {hasChildren && (
            <IconButton
              size="small"
              aria-expanded={expanded}
              aria-label={`${expanded ? 'Collapse' : 'Expand'} ${node.title}`}
              onClick={() => setExpanded(!expanded)}
            >
              {expanded ? <ExpandMoreIcon /> : <ChevronRightIcon />}
            </IconButton>
          )}
        </div>
        <div className={classes.name}>
          <EntityRefLink entityRef={node.groupRef} hideIcon>
            {node.title}
          </EntityRefLink>
        </div>
        {node.entityCount === 0 ? (
          <Typography
            variant="body2"
            color="textSecondary"
            className={classes.numbers}
          >
            No entities
          </Typography>
        ) : (
          <>
            <LinearProgress
              variant="determinate"
              value={Math.min(100, Math.max(0, node.percentCompliant))}
              className={classes.bar}
              classes={{ bar: barClass }}
              aria-label={`${node.title}: ${percentLabel(node)} compliant`}
            />
            <Typography variant="body2" className={classes.numbers}>
              {percentLabel(node)}{' '}
              <Typography
                component="span"
                variant="caption"
                color="textSecondary"
              >
                ({node.compliantCount} of {node.entityCount})
              </Typography>
            </Typography>
          </>
        )}
      </div>
      {hasChildren && expanded && (
        <ul className={classes.list}>
          {node.children.map(child => (
            <GroupRow
              key={child.groupRef}
              node={child}
              initiallyExpanded={false}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The organisation's groups as an expandable tree, each with the share of compliant
 * entities it owns together with the groups below it. Root groups start expanded.
 *
 * @internal
 */
export function OrgTree() {
  const complianceApi = useApi(complianceApiRef);
  const classes = useStyles();
  const { value, error } = useAsync(
    () => complianceApi.getOrgTree(),
    [complianceApi],
  );

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return <Progress />;
  }
  if (value.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        There are no groups in the catalog.
      </Typography>
    );
  }
  return (
    <Box>
      <ul className={classes.rootList} aria-label="organisation tree">
        {value.map(node => (
          <GroupRow key={node.groupRef} node={node} initiallyExpanded />
        ))}
      </ul>
    </Box>
  );
}
