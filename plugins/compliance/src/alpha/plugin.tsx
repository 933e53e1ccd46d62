import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import ComplianceIcon from '@material-ui/icons/VerifiedUser';
import {
  complianceApi,
  complianceEntityCard,
  complianceEntityContent,
  complianceGroupCard,
  compliancePage,
} from './extensions';
import { rootRouteRef } from '../routes';
import { campaignRouteRef } from '../campaignRoutes';

/**
 * The compliance plugin for apps on the new frontend system: the compliance API, the
 * Compliance page, the entity tab and overview card, and the group card. It is the default
 * export of `@runway/plugin-compliance/alpha`, where `app.packages: all` discovery finds it.
 *
 * @public
 */
const compliancePlugin = createFrontendPlugin({
  pluginId: 'compliance',
  title: 'Compliance',
  icon: <ComplianceIcon fontSize="inherit" />,
  routes: { root: rootRouteRef, campaign: campaignRouteRef },
  extensions: [
    complianceApi,
    compliancePage,
    complianceEntityContent,
    complianceEntityCard,
    complianceGroupCard,
  ],
});

export default compliancePlugin;
