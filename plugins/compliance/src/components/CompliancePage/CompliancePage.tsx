import { Content, Header, Page } from '@backstage/core-components';
import { ComplianceOverview } from '../ComplianceOverview';

/**
 * The Compliance page for apps on the legacy frontend system, which bring no page header
 * of their own (the new frontend system's page extension renders only the overview).
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
        <ComplianceOverview />
      </Content>
    </Page>
  );
}
