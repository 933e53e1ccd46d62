import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  complianceCampaignManagePermission,
  type Campaign,
  type CampaignProgress,
} from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../../api';
import { useCheckTitles } from '../../hooks/useCheckTitles';
import { formatCampaignDate, timeLeft } from '../../lib/campaignFormat';
import { serverMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { BurnUpChart } from '../BurnUpChart';
import { PermissionButton } from '../PermissionButton';

function describeScope(filter: Campaign['filter']): string {
  const parts = [
    filter.kind && `kind ${filter.kind.join(', ')}`,
    filter.type && `type ${filter.type.join(', ')}`,
    filter.lifecycle && `lifecycle ${filter.lifecycle.join(', ')}`,
    filter.ownerRef && `owned by ${filter.ownerRef} or its sub-teams`,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'every evaluated entity';
}

function EndCampaignButton(props: { campaign: Campaign; onEnded: () => void }) {
  const { campaign, onEnded } = props;
  const complianceApi = useApi(complianceApiRef);
  const [confirming, setConfirming] = useState(false);
  const [{ loading, error }, end] = useAsyncFn(async () => {
    await complianceApi.endCampaign(campaign.id);
    setConfirming(false);
    onEnded();
  }, [complianceApi, campaign.id, onEnded]);

  return (
    <>
      <PermissionButton
        permission={complianceCampaignManagePermission}
        actionDescription="end campaigns"
        variant="outlined"
        onClick={() => setConfirming(true)}
      >
        End campaign
      </PermissionButton>
      {confirming && (
        <Dialog
          open
          onClose={() => setConfirming(false)}
          aria-labelledby="end-campaign-title"
        >
          <DialogTitle id="end-campaign-title">
            End “{campaign.title}”?
          </DialogTitle>
          <DialogContent>
            <DialogContentText>
              Owners get no more reminders, and the burn-up stops today. This
              cannot be undone.
            </DialogContentText>
            {error && (
              <Alert severity="error">
                Could not end the campaign: {serverMessage(error)}
              </Alert>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
            <Button
              color="primary"
              variant="contained"
              disabled={loading}
              onClick={() => end()}
            >
              End campaign
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}

function RemainingTable(props: {
  progress: CampaignProgress;
  checkTitle: (checkId: string) => string;
}) {
  const { progress, checkTitle } = props;
  const notDone = progress.entityCount - progress.doneCount;
  if (notDone === 0) {
    return (
      <Box p={2}>
        <Typography variant="body2" color="textSecondary">
          Every entity in scope meets the campaign.
        </Typography>
      </Box>
    );
  }
  return (
    <>
      <Table size="small" aria-label="remaining entities">
        <TableHead>
          <TableRow>
            <TableCell>Entity</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>Unmet checks</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {progress.remaining.map(entity => (
            <TableRow key={entity.entityRef}>
              <TableCell>
                <EntityRefLink entityRef={entity.entityRef} />
              </TableCell>
              <TableCell>
                {entity.ownerRef ? (
                  <EntityRefLink
                    entityRef={entity.ownerRef}
                    defaultKind="group"
                  />
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell>{entity.failing.map(checkTitle).join(', ')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {notDone > progress.remaining.length && (
        <Box p={2}>
          <Typography variant="caption" color="textSecondary">
            Showing {progress.remaining.length} of {notDone} entities that are
            not done.
          </Typography>
        </Box>
      )}
    </>
  );
}

/**
 * One campaign: what it asks, how far it got, its burn-up, the entities that remain, and a
 * button to end it for those allowed to.
 *
 * @internal
 */
export function CampaignDetails(props: {
  campaignId: string;
  /** The Compliance page, for a link back. */
  overviewHref?: string;
}) {
  const { campaignId, overviewHref } = props;
  const complianceApi = useApi(complianceApiRef);
  const checkTitle = useCheckTitles();
  const { value, loading, error, retry } = useAsyncRetry(
    () => complianceApi.getCampaign(campaignId),
    [complianceApi, campaignId],
  );

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (loading && !value) {
    return <Progress />;
  }
  if (!value) {
    return null;
  }
  const { campaign } = value;
  const active = campaign.status === 'active';
  const percent = Math.min(100, Math.max(0, value.percentDone));

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {overviewHref && (
          <Box mb={1}>
            <Link to={overviewHref}>← Compliance</Link>
          </Box>
        )}
        <Box display="flex" alignItems="center" flexWrap="wrap">
          <Typography variant="h4" component="h2">
            {campaign.title}
          </Typography>
          <Box ml={2}>
            <Chip
              size="small"
              label={active ? 'Active' : 'Ended'}
              color={active ? 'primary' : 'default'}
            />
          </Box>
          <Box flexGrow={1} />
          {active && <EndCampaignButton campaign={campaign} onEnded={retry} />}
        </Box>
        {campaign.description && (
          <Typography variant="body1" paragraph>
            {campaign.description}
          </Typography>
        )}
        <Typography variant="body2" color="textSecondary">
          Deadline {formatCampaignDate(campaign.deadline)}
          {active ? ` (${timeLeft(campaign.deadline)})` : ''} · started{' '}
          {formatDateTime(campaign.createdAt)} by{' '}
          <EntityRefLink entityRef={campaign.createdBy} defaultKind="user" />
          {campaign.endedAt
            ? ` · ended ${formatDateTime(campaign.endedAt)}`
            : ''}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Checks: {campaign.checkIds.map(checkTitle).join(', ')} · Scope:{' '}
          {describeScope(campaign.filter)}
        </Typography>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Progress">
          <Typography variant="h3" component="p" aria-label="percent done">
            {Number(percent.toFixed(1))}%
          </Typography>
          <Box my={1}>
            <LinearProgress
              variant="determinate"
              value={percent}
              aria-label="campaign progress"
            />
          </Box>
          <Typography variant="body2" color="textSecondary">
            {value.doneCount} of {value.entityCount}{' '}
            {value.entityCount === 1 ? 'entity is' : 'entities are'} done
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title="Burn-up">
          <BurnUpChart points={value.burnUp} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Remaining entities" noPadding>
          <RemainingTable progress={value} checkTitle={checkTitle} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
