import { createSubRouteRef } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from './routes';

/**
 * A campaign's page, `/compliance/campaigns/:id`, below the Compliance page (new frontend
 * system).
 *
 * @public
 */
export const campaignRouteRef = createSubRouteRef({
  path: '/campaigns/:id',
  parent: rootRouteRef,
});
