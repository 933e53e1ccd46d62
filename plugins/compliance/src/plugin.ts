import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { complianceApiFactory } from './api';
import { legacyEntityContentRouteRef, legacyRootRouteRef } from './routes';

/**
 * The compliance plugin for apps on the legacy frontend system. Apps on the new frontend
 * system install the default export of `@runway/plugin-compliance/alpha` instead.
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
 * The Compliance page with the organisation-wide rollup and the campaigns, each campaign's
 * page below it at `campaigns/:id` (legacy frontend system). Mount it at `/compliance`.
 *
 * @public
 */
export const CompliancePage: () => JSX.Element = compliancePlugin.provide(
  createRoutableExtension({
    name: 'CompliancePage',
    component: () =>
      import('./components/CompliancePage').then(m => m.CompliancePage),
    mountPoint: legacyRootRouteRef,
  }),
);

/**
 * The Compliance tab of an entity page (legacy frontend system). Mount it at the entity
 * page's `/compliance` path: {@link EntityComplianceCard} links there.
 *
 * @public
 */
export const EntityComplianceContent: () => JSX.Element =
  compliancePlugin.provide(
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
export const EntityComplianceCard: () => JSX.Element = compliancePlugin.provide(
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
export const GroupComplianceCard: () => JSX.Element = compliancePlugin.provide(
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
