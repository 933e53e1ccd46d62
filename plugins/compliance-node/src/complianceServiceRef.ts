import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ComplianceClient } from '@runway/plugin-compliance-common';
import type { ComplianceService } from './ComplianceService';
import { DefaultComplianceService } from './DefaultComplianceService';

/**
 * The compliance plugin for other backend plugins and modules: add it to a plugin's deps as
 * `compliance: complianceServiceRef`. By default it calls the compliance plugin's HTTP API
 * (found through discovery) with service-to-service auth.
 *
 * @public
 */
export const complianceServiceRef = createServiceRef<ComplianceService>({
  id: 'runway.compliance',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { auth: coreServices.auth, discovery: coreServices.discovery },
      factory: ({ auth, discovery }) =>
        new DefaultComplianceService({
          auth,
          client: new ComplianceClient({ discoveryApi: discovery }),
        }),
    }),
});
