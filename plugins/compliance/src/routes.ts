import { createRouteRef as createLegacyRouteRef } from '@backstage/core-plugin-api';
import { createRouteRef } from '@backstage/frontend-plugin-api';

/**
 * The Compliance page in apps on the legacy frontend system.
 *
 * @public
 */
export const legacyRootRouteRef = createLegacyRouteRef({ id: 'compliance' });

/**
 * The Compliance entity tab in apps on the legacy frontend system.
 *
 * @public
 */
export const legacyEntityContentRouteRef = createLegacyRouteRef({
  id: 'compliance:entity-content',
});

/**
 * The Compliance page in apps on the new frontend system.
 *
 * @public
 */
export const rootRouteRef = createRouteRef();
