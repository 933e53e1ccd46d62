import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { complianceApiFactory } from './api';
import { legacyEntityContentRouteRef, legacyRootRouteRef } from './routes';

/**
 * The compliance plugin for apps on the legacy frontend system. Apps on the new frontend
 * system use the package's default export instead.
 *
 * @public
 */
export const compliancePlugin = createPlugin({
  id: 'compliance',
  apis: [complianceApiFactory],
  routes: {
    root: legacyRootRouteRef,
    entityContent: legacyEntityContentRouteRef,
  },
});

/**
 * The Compliance page with the organisation-wide rollup (legacy frontend system).
 *
 * @public
 */
export const CompliancePage = compliancePlugin.provide(
  createRoutableExtension({
    name: 'CompliancePage',
    component: () =>
      import('./components/CompliancePage').then(m => m.CompliancePage),
    mountPoint: legacyRootRouteRef,
  }),
);

/**
 * The Compliance tab of an entity page (legacy frontend system).
 *
 * @public
 */
export const EntityComplianceContent = compliancePlugin.provide(
  createRoutableExtension({
    name: 'EntityComplianceContent',
    component: () =>
      import('./components/EntityComplianceContent').then(
        m => m.EntityComplianceContent,
      ),
    mountPoint: legacyEntityContentRouteRef,
  }),
);

/**
 * The Compliance card for an entity's overview (legacy frontend system).
 *
 * @public
 */
export const EntityComplianceCard = compliancePlugin.provide(
  createComponentExtension({
    name: 'EntityComplianceCard',
    component: {
      lazy: () =>
        import('./components/EntityComplianceCard').then(
          m => m.EntityComplianceCard,
        ),
    },
  }),
);

/**
 * The Team compliance card for group pages (legacy frontend system).
 *
 * @public
 */
export const GroupComplianceCard = compliancePlugin.provide(
  createComponentExtension({
    name: 'GroupComplianceCard',
    component: {
      lazy: () =>
        import('./components/GroupComplianceCard').then(
          m => m.GroupComplianceCard,
        ),
    },
  }),
);
