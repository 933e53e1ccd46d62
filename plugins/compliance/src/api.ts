import {
  createApiFactory,
  createApiRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { ComplianceClient } from '@runway/plugin-compliance-common';

/**
 * What the compliance UI can ask the backend: every public method of the shared
 * {@link @runway/plugin-compliance-common#ComplianceClient}, so the UI and other callers
 * cannot drift apart, while tests and apps can still provide their own implementation.
 *
 * @public
 */
export type ComplianceApi = Pick<ComplianceClient, keyof ComplianceClient>;

/**
 * Reference to the {@link ComplianceApi}.
 *
 * @public
 */
export const complianceApiRef = createApiRef<ComplianceApi>().with({
  id: 'plugin.compliance.service',
  pluginId: 'compliance',
});

/**
 * The default {@link ComplianceApi}: the shared client, talking to the compliance backend
 * through the app's discovery (to find `/api/compliance`) and fetch (to send the user's
 * Backstage token) APIs.
 *
 * @public
 */
export const complianceApiFactory = createApiFactory({
  api: complianceApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    new ComplianceClient({ discoveryApi, fetchApi }),
});
