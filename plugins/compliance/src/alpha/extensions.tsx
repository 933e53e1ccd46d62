import { Content } from '@backstage/core-components';
import { ApiBlueprint, PageBlueprint } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import ComplianceIcon from '@material-ui/icons/VerifiedUser';
import { complianceApiFactory } from '../api';
import { rootRouteRef } from '../routes';

/**
 * The kinds the backend evaluates by default (`compliance.kinds`). An app that changes
 * them can change the `filter` of the entity extensions in its app-config to match.
 */
const evaluatedKinds = {
  kind: { $in: ['component', 'api', 'resource', 'system'] },
};

/**
 * The compliance client, using the app's discovery and fetch APIs.
 *
 * @public
 */
export const complianceApi = ApiBlueprint.make({
  params: defineParams => defineParams(complianceApiFactory),
});

/**
 * The Compliance page at `/compliance`, with a nav item; a campaign's page is below it at
 * `/compliance/campaigns/:id`.
 *
 * @public
 */
export const compliancePage = PageBlueprint.make({
  params: {
    path: '/compliance',
    title: 'Compliance',
    icon: <ComplianceIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      // The overview with its campaigns, or one campaign at campaigns/:id.
      import('../components/CompliancePageContent').then(m => (
        <Content>
          <m.CompliancePageContent />
        </Content>
      )),
  },
});

/**
 * The Compliance tab of an entity page.
 *
 * @public
 */
export const complianceEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'compliance',
    title: 'Compliance',
    filter: evaluatedKinds,
    loader: () =>
      import('../components/EntityComplianceContent').then(m => (
        <m.EntityComplianceContent />
      )),
  },
});

/**
 * The Compliance card on an entity's overview.
 *
 * @public
 */
export const complianceEntityCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    filter: evaluatedKinds,
    loader: () =>
      import('../components/EntityComplianceCard').then(m => (
        <m.EntityComplianceCard />
      )),
  },
});

/**
 * The Team compliance card on group pages.
 *
 * @public
 */
export const complianceGroupCard = EntityCardBlueprint.make({
  name: 'group',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('../components/GroupComplianceCard').then(m => (
        <m.GroupComplianceCard />
      )),
  },
});
