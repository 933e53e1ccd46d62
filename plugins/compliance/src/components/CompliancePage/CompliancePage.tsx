import Box from '@material-ui/core/Box';
import { Content, Header, Page } from '@backstage/core-components';
import { Route, Routes, useParams } from 'react-router-dom';
import { CampaignDetails } from '../CampaignDetails';
import { CampaignsCard } from '../CampaignsCard';
import { ComplianceOverview } from '../ComplianceOverview';

function LegacyCampaign() {
  const { id } = useParams();
  return <CampaignDetails campaignId={id!} overviewHref=".." />;
}

/**
 * The Compliance page for apps on the legacy frontend system, which bring no page header
 * of their own (the new frontend system's page extension renders only the overview).
 * Campaign pages are below it at `campaigns/:id`, routed with React Router as legacy apps
 * do.
 *
 * @internal
 */
export function CompliancePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Compliance"
        subtitle="Ownership compliance across the organisation"
      />
      <Content>
        <Routes>
          <Route
            path="/"
            element={
              <>
                <ComplianceOverview />
                <Box mt={3}>
                  <CampaignsCard campaignHref={id => `campaigns/${id}`} />
                </Box>
              </>
            }
          />
          <Route path="/campaigns/:id" element={<LegacyCampaign />} />
        </Routes>
      </Content>
    </Page>
  );
}
