import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { AuthorizedComplianceService } from '../authorization/AuthorizedComplianceService';
import type { GateConfig } from '../config';
import {
  checkResultSchema,
  entityRefInput,
  toCheckResult,
} from './actionSchemas';

/**
 * `compliance:check-deployment-gate`: may this entity be deployed to this environment now?
 * The same answer the deployments backend gets before a deploy.
 *
 * @internal
 */
export function registerCheckDeploymentGateAction(
  actionsRegistry: ActionsRegistryService,
  compliance: AuthorizedComplianceService,
  gate: GateConfig,
) {
  actionsRegistry.register({
    name: 'check-deployment-gate',
    title: 'Check the deploy gate for an environment',
    description: `Answers whether an entity may be deployed to an environment now: deploys are gated on the compliance level the environment requires. Returns allowed, the required level, the level the entity reaches, the checks that keep the gate closed (each with its message and remediation) and the reason in one sentence.

Use it before proposing or starting a deploy, or to answer "can I ship this to production?". ${describeEnvironments(
      gate,
    )} An entity never evaluated is evaluated first. An entity that does not exist and one the caller may not see both answer NotFoundError.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z, 'The entity to deploy', 'component'),
          environment: z
            .string()
            .min(1)
            .max(100)
            .describe(
              'The environment to deploy to, e.g. `production` (matched case-insensitively).',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          environment: z.string().describe('The environment as configured.'),
          allowed: z.boolean(),
          requiredLevel: z
            .string()
            .nullable()
            .describe('Null only when the environment requires no level.'),
          level: z
            .string()
            .nullable()
            .describe(
              'The highest level the entity reaches, or null for none.',
            ),
          failingChecks: z
            .array(checkResultSchema(z))
            .describe(
              'Checks of the required level and the levels below it that fail or could not be evaluated.',
            ),
          reason: z.string(),
        }),
    },
    examples: [
      {
        title: 'May payments-api go to production?',
        input: {
          entityRef: 'component:default/payments-api',
          environment: 'production',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const decision = await compliance.gate(
        { entityRef: input.entityRef, environment: input.environment },
        { credentials },
      );
      return {
        output: {
          ...decision,
          failingChecks: decision.failingChecks.map(toCheckResult),
        },
      };
    },
  });
}

/** The configured environments, so that an assistant knows which names to pass. */
function describeEnvironments(gate: GateConfig): string {
  const environments = [...gate.environments.values()].map(({ name, level }) =>
    level ? `${name} (requires ${level})` : `${name} (requires no level)`,
  );
  const configured = environments.length
    ? `Configured environments: ${environments.join(', ')}.`
    : 'No environment is configured.';
  return gate.defaultLevel
    ? `${configured} Any other environment requires ${gate.defaultLevel}.`
    : `${configured} Any other environment answers InputError.`;
}
