import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { AuthorizedComplianceReports } from '../authorization/AuthorizedComplianceReports';
import type { AuthorizedComplianceService } from '../authorization/AuthorizedComplianceService';
import type { ComplianceConfig } from '../config';
import { registerCheckDeploymentGateAction } from './checkDeploymentGateAction';
import { registerExplainEntityComplianceAction } from './explainEntityComplianceAction';
import { registerListFailingEntitiesAction } from './listFailingEntitiesAction';
import { registerRequestExemptionAction } from './requestExemptionAction';

/**
 * Registers the compliance capabilities as actions for AI assistants (exposed over MCP by
 * `@backstage/plugin-mcp-actions-backend`). Each action calls the same Authorized services
 * as the HTTP routes with the action caller's own credentials, so an assistant sees, may do
 * and leaves in the audit log exactly what the person or token it acts for would.
 *
 * @internal
 */
export function registerComplianceActions(options: {
  actionsRegistry: ActionsRegistryService;
  compliance: AuthorizedComplianceService;
  reports: AuthorizedComplianceReports;
  config: Pick<ComplianceConfig, 'gate' | 'maxExemptionDays'>;
}) {
  const { actionsRegistry, compliance, reports, config } = options;
  registerExplainEntityComplianceAction(actionsRegistry, compliance);
  registerListFailingEntitiesAction(actionsRegistry, reports);
  registerCheckDeploymentGateAction(actionsRegistry, compliance, config.gate);
  registerRequestExemptionAction(
    actionsRegistry,
    compliance,
    config.maxExemptionDays,
  );
}
