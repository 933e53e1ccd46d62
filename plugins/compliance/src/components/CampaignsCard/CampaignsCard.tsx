import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  complianceCampaignManagePermission,
  type CampaignSummary,
} from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../../api';
import { formatCampaignDate, timeLeft } from '../../lib/campaignFormat';
import { NewCampaignDialog } from '../NewCampaignDialog';
import { PermissionButton } from '../PermissionButton';

function CampaignRow(props: { campaign: CampaignSummary; href?: string }) {
  const { campaign, href } = props;
  const percent = Math.min(100, Math.max(0, campaign.percentDone));
  const active = campaign.status === 'active';
  return (
    <TableRow>
      <TableCell>
        {href ? <Link to={href}>{campaign.title}</Link> : campaign.title}
      </TableCell>
      <TableCell>
        <Chip
          size="small"
          label={active ? 'Active' : 'Ended'}
          color={active ? 'primary' : 'default'}
          variant={active ? 'default' : 'outlined'}
        />
      </TableCell>
      <TableCell style={{ minWidth: 200 }}>
        <LinearProgress
          variant="determinate"
          value={percent}
          aria-label={`${campaign.title} progress`}
        />
        <Typography variant="caption" color="textSecondary">
          {campaign.doneCount} of {campaign.entityCount} done (
          {Number(percent.toFixed(1))}%)
        </Typography>
      </TableCell>
      <TableCell>
        {formatCampaignDate(campaign.deadline)}
        {active && (
          <Typography variant="caption" color="textSecondary" component="div">
            {timeLeft(campaign.deadline)}
          </Typography>
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * The campaigns section of the Compliance page: every campaign with its progress and
 * deadline, and a button to start a new one for those allowed to.
 *
 * @internal
 */
export function CampaignsCard(props: {
  /** Where a campaign's page is; without it, titles are not links. */
  campaignHref: (campaignId: string) => string | undefined;
}) {
  const { campaignHref } = props;
  const complianceApi = useApi(complianceApiRef);
  const [creating, setCreating] = useState(false);
  const { value, loading, error, retry } = useAsyncRetry(
    () => complianceApi.listCampaigns(),
    [complianceApi],
  );

  let content;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (loading && !value) {
    content = <Progress />;
  } else if (!value?.length) {
    content = (
      <Box p={2}>
        <Typography variant="body2" color="textSecondary">
          No campaigns yet. A campaign gets a set of entities to meet chosen
          checks by a deadline, and keeps their owners informed.
        </Typography>
      </Box>
    );
  } else {
    content = (
      <Table size="small" aria-label="campaigns">
        <TableHead>
          <TableRow>
            <TableCell>Campaign</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Progress</TableCell>
            <TableCell>Deadline</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(campaign => (
            <CampaignRow
              key={campaign.id}
              campaign={campaign}
              href={campaignHref(campaign.id)}
            />
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <InfoCard
      title="Campaigns"
      noPadding
      action={
        <Box mt={1} mr={1}>
          <PermissionButton
            permission={complianceCampaignManagePermission}
            actionDescription="start campaigns"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => setCreating(true)}
          >
            New campaign
          </PermissionButton>
        </Box>
      }
    >
      {content}
      {creating && (
        <NewCampaignDialog
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            retry();
          }}
        />
      )}
    </InfoCard>
  );
}
