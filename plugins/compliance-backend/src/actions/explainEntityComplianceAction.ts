import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { AuthorizedComplianceService } from '../authorization/AuthorizedComplianceService';
import { checkResultSchema, entityRefInput } from './actionSchemas';
import { explainCompliance } from './explainCompliance';

/**
 * `compliance:explain-entity-compliance`: why an entity is (not) compliant and how to fix
 * it, read as the caller may read the catalog.
 *
 * @internal
 */
export function registerExplainEntityComplianceAction(
  actionsRegistry: ActionsRegistryService,
  compliance: AuthorizedComplianceService,
) {
  actionsRegistry.register({
    name: 'explain-entity-compliance',
    title: 'Explain an entity’s compliance',
    description: `Explains the ownership compliance of one catalog entity (usually a Component): every check with its status, a message saying exactly what is wrong or right in this entity, and a remediation saying how to fix a failing check; the scorecard level it reaches (levels build on each other, e.g. bronze, silver, gold) and which checks the next level still needs; open exemptions.

Use it to answer "is my service compliant?", "why does it fail?" or "what must I change to reach silver?". It reads the last stored evaluation; an entity never evaluated says so. An entity that does not exist and one the caller may not see both answer NotFoundError.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z, 'The entity to explain', 'component'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          ownerRef: z.string().optional(),
          evaluated: z
            .boolean()
            .describe('False when the entity has never been evaluated.'),
          evaluatedAt: z.string().optional(),
          summary: z.string().describe('The answer in one sentence.'),
          level: z
            .string()
            .nullable()
            .describe('The highest level reached, or null for none.'),
          levels: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              achieved: z.boolean(),
            }),
          ),
          nextLevel: z
            .object({
              id: z.string(),
              title: z.string(),
              unmetChecks: z
                .array(z.string())
                .describe(
                  'Check ids this level (or a lower one) requires that are not met yet.',
                ),
            })
            .nullable()
            .describe('The lowest level not reached; null when all are.'),
          checks: z.array(
            checkResultSchema(z).extend({
              requiredFor: z
                .string()
                .optional()
                .describe('The lowest level that requires this check.'),
            }),
          ),
          exemptions: z
            .array(
              z.object({
                id: z.string(),
                checkId: z.string(),
                status: z.enum(['pending', 'approved']),
                requestedBy: z.string(),
                expiresAt: z.string(),
              }),
            )
            .describe('Pending and approved exemptions of this entity.'),
        }),
    },
    examples: [
      {
        title: 'A service that misses silver',
        input: { entityRef: 'component:default/payments-api' },
      },
      {
        title: 'Kind and namespace left out',
        description:
          'The kind defaults to component, the namespace to default.',
        input: { entityRef: 'payments-api' },
      },
    ],
    action: async ({ input, credentials }) => {
      const result = await compliance.getEntityCompliance(input.entityRef, {
        credentials,
      });
      return { output: explainCompliance(result) };
    },
  });
}
