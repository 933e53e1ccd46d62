import Box from '@material-ui/core/Box';
import { useRouteRef, useRouteRefParams } from '@backstage/frontend-plugin-api';
import { campaignRouteRef } from '../../campaignRoutes';
import { rootRouteRef } from '../../routes';
import { CampaignDetails } from '../CampaignDetails';
import { CampaignsCard } from '../CampaignsCard';
import { ComplianceOverview } from '../ComplianceOverview';

/**
 * What the Compliance page shows in the new frontend system: the overview with the
 * campaigns, or one campaign at `campaigns/:id`. The framework's route refs resolve both
 * the current campaign and the links to campaigns, so no routing library is involved.
 *
 * @internal
 */
export function CompliancePageContent() {
  const { id } = useRouteRefParams(campaignRouteRef);
  const campaignLink = useRouteRef(campaignRouteRef);
  const rootLink = useRouteRef(rootRouteRef);

  if (id) {
    return <CampaignDetails campaignId={id} overviewHref={rootLink?.()} />;
  }
  return (
    <>
      <ComplianceOverview />
      <Box mt={3}>
        <CampaignsCard
          campaignHref={campaignId => campaignLink?.({ id: campaignId })}
        />
      </Box>
    </>
  );
}
