import { useId, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CHECK_STATUSES,
  type CheckStatus,
  type EntityComplianceQuery,
} from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../../api';
import { levelTitle } from '../../lib/format';
import { sortLevelIds } from '../../lib/levelOrder';
import { CheckStatusChip } from '../CheckStatusChip';
import { ComplianceLevelBadge } from '../ComplianceLevelBadge';
import { flattenGroups } from './flattenGroups';

const STATUS_LABELS: Record<CheckStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  exempt: 'Exempt',
  'not-applicable': 'Not applicable',
  error: 'Error',
};

/** The kinds the backend evaluates by default (`compliance.kinds`). */
const DEFAULT_KINDS = ['Component', 'API', 'Resource', 'System'];

type Filters = Omit<EntityComplianceQuery, 'offset' | 'limit' | 'q'>;

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
  },
  filter: { minWidth: 160 },
  entityCell: { whiteSpace: 'nowrap' },
}));

/** A native select: labelled, keyboard-friendly, and one tab stop. */
function FilterSelect(props: {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: Array<{ value: string; label: string }>;
  anyLabel: string;
}) {
  const classes = useStyles();
  const id = useId();
  return (
    <TextField
      id={id}
      select
      label={props.label}
      value={props.value ?? ''}
      onChange={event => props.onChange(event.target.value || undefined)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      className={classes.filter}
      size="small"
    >
      <option value="">{props.anyLabel}</option>
      {props.options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}

/**
 * Entities as rows and checks as columns, each cell the entity's status for that check.
 * Filtered and paged on the server: by owner group (including the groups below it), kind,
 * check and status, level, and text in the entity ref.
 *
 * @internal
 */
export function EntityChecksTable(props: {
  /** Level ids to offer in the level filter (`none` is always offered). */
  levels?: string[];
  /** Kinds to offer in the kind filter. */
  kinds?: string[];
}) {
  const { levels = [], kinds = DEFAULT_KINDS } = props;
  const classes = useStyles();
  const complianceApi = useApi(complianceApiRef);
  const searchId = useId();

  const [filters, setFilters] = useState<Filters>({});
  const [searchInput, setSearchInput] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);

  // A new filter starts again at the first page.
  useDebounce(
    () => {
      if (searchInput.trim() !== q) {
        setQ(searchInput.trim());
        setPage(0);
      }
    },
    300,
    [searchInput],
  );

  const checks = useAsync(async () => {
    try {
      return await complianceApi.listChecks();
    } catch {
      return undefined; // Columns then come from the statuses on the page.
    }
  }, [complianceApi]);
  const groups = useAsync(async () => {
    try {
      return flattenGroups(await complianceApi.getOrgTree());
    } catch {
      return [];
    }
  }, [complianceApi]);
  const list = useAsync(
    () =>
      complianceApi.listEntities({
        ...filters,
        q: q || undefined,
        offset: page * rowsPerPage,
        limit: rowsPerPage,
      }),
    [complianceApi, filters, q, page, rowsPerPage],
  );

  const columns = useMemo(() => {
    if (checks.value) {
      return checks.value.map(check => ({ id: check.id, title: check.title }));
    }
    const ids = new Set(
      (list.value?.items ?? []).flatMap(item => Object.keys(item.statuses)),
    );
    return [...ids].sort().map(id => ({ id, title: id }));
  }, [checks.value, list.value]);

  const setFilter = (key: keyof Filters) => (value: string | undefined) => {
    setFilters(current => ({ ...current, [key]: value }));
    setPage(0);
  };

  return (
    <Box>
      <Box
        className={classes.filters}
        role="search"
        aria-label="filter entities"
      >
        <FilterSelect
          label="Owner"
          anyLabel="Any owner"
          value={filters.ownerRef}
          onChange={setFilter('ownerRef')}
          options={(groups.value ?? []).map(group => ({
            value: group.groupRef,
            // Non-breaking spaces: a native option cannot be styled with padding.
            label: `${'\u00a0\u00a0'.repeat(group.depth)}${group.title}`,
          }))}
        />
        <FilterSelect
          label="Kind"
          anyLabel="Any kind"
          value={filters.kind}
          onChange={setFilter('kind')}
          options={kinds.map(kind => ({ value: kind, label: kind }))}
        />
        <FilterSelect
          label="Check"
          anyLabel="Any check"
          value={filters.checkId}
          onChange={setFilter('checkId')}
          options={columns.map(column => ({
            value: column.id,
            label: column.title,
          }))}
        />
        <FilterSelect
          label="Status"
          anyLabel="Any status"
          value={filters.status}
          onChange={setFilter('status')}
          options={CHECK_STATUSES.map(status => ({
            value: status,
            label: STATUS_LABELS[status],
          }))}
        />
        <FilterSelect
          label="Level"
          anyLabel="Any level"
          value={filters.level}
          onChange={setFilter('level')}
          options={sortLevelIds([...levels, 'none']).map(level => ({
            value: level,
            label: levelTitle(level),
          }))}
        />
        <TextField
          id={searchId}
          label="Search"
          placeholder="Entity name"
          type="search"
          size="small"
          value={searchInput}
          onChange={event => setSearchInput(event.target.value)}
          InputLabelProps={{ shrink: true }}
          inputProps={{ maxLength: 200 }}
        />
      </Box>
      {list.error && <ResponseErrorPanel error={list.error} />}
      {!list.error && !list.value && <Progress />}
      {list.value && (
        <>
          <TableContainer>
            <Table size="small" aria-label="entities and checks">
              <TableHead>
                <TableRow>
                  <TableCell>Entity</TableCell>
                  <TableCell>Level</TableCell>
                  {columns.map(column => (
                    <TableCell key={column.id}>{column.title}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {list.value.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={columns.length + 2}>
                      <Typography variant="body2" color="textSecondary">
                        No entity matches these filters.
                      </Typography>
                    </TableCell>
                  </TableRow>
                )}
                {list.value.items.map(item => (
                  <TableRow key={item.entityRef}>
                    <TableCell className={classes.entityCell}>
                      <EntityRefLink entityRef={item.entityRef} />
                    </TableCell>
                    <TableCell>
                      <ComplianceLevelBadge level={item.level} size="small" />
                    </TableCell>
                    {columns.map(column => {
                      const status = item.statuses[column.id];
                      return (
                        <TableCell key={column.id}>
                          {status ? (
                            <CheckStatusChip status={status} />
                          ) : (
                            <span aria-label="no result">—</span>
                          )}
                        </TableCell>
                      );
                    })}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination
            component="div"
            count={list.value.totalItems}
            page={page}
            rowsPerPage={rowsPerPage}
            rowsPerPageOptions={[10, 25, 50, 100]}
            onPageChange={(_event, next) => setPage(next)}
            onRowsPerPageChange={event => {
              setRowsPerPage(Number(event.target.value));
              setPage(0);
            }}
          />
        </>
      )}
    </Box>
  );
}
