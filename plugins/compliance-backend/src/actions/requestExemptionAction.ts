import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import type { AuthorizedComplianceService } from '../authorization/AuthorizedComplianceService';
import { entityRefInput } from './actionSchemas';

/** As `DateTime` in openapi.yaml, so that the action accepts what `POST /exemptions` does. */
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * `compliance:request-exemption`: asks for an entity to be exempted from one check for a
 * while. It goes through the same permission check (`compliance.exemption.create` on the
 * entity) and audit event (`exemption-request`) as `POST /exemptions`.
 *
 * @internal
 */
export function registerRequestExemptionAction(
  actionsRegistry: ActionsRegistryService,
  compliance: AuthorizedComplianceService,
  maxExemptionDays: number,
) {
  actionsRegistry.register({
    name: 'request-exemption',
    title: 'Request a compliance exemption',
    description: `Requests an exemption of one entity from one failing compliance check until a date, e.g. while a fix is on its way. The request is stored as pending: it counts only once a person other than the requester approves it in the portal (four-eyes), and it lapses at expiresAt. This is a write, recorded in the audit log under the caller's identity.

Only request one when the user asks for it, with their reason. Find the check id with compliance:explain-entity-compliance first. Needs the permission compliance.exemption.create for the entity (usually: a member of the owning team); without it the answer is NotAllowedError. expiresAt must be in the future and at most ${maxExemptionDays} days from now.`,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z, 'The entity to exempt', 'component'),
          checkId: z
            .string()
            .min(1)
            .max(255)
            .describe(
              'The id of the check to exempt it from, e.g. `ownership.owner-has-members`.',
            ),
          reason: z
            .string()
            .min(1)
            .max(2000)
            .describe(
              'Why the exemption is needed and what will fix the check, for whoever decides.',
            ),
          expiresAt: z
            .string()
            .describe(
              `When the exemption ends: an ISO 8601 date-time with a time zone, e.g. 2026-12-31T23:59:59Z; in the future and at most ${maxExemptionDays} days from now.`,
            ),
        }),
      output: z =>
        z.object({
          id: z.string().describe('The exemption id.'),
          entityRef: z.string(),
          checkId: z.string(),
          reason: z.string(),
          status: z
            .enum(['pending', 'approved', 'rejected', 'expired'])
            .describe('pending until someone decides.'),
          requestedBy: z.string(),
          requestedAt: z.string(),
          expiresAt: z.string(),
        }),
    },
    examples: [
      {
        title: 'Exempt a service from the members check for a month',
        input: {
          entityRef: 'component:default/payments-api',
          checkId: 'ownership.owner-has-members',
          reason:
            'The second engineer joins team-payments on the 1st; until then the team has one member.',
          expiresAt: '2026-12-31T23:59:59Z',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      if (!DATE_TIME.test(input.expiresAt)) {
        throw new InputError(
          'expiresAt must be an ISO 8601 date-time with a time zone, e.g. 2026-12-31T23:59:59Z',
        );
      }
      const exemption = await compliance.requestExemption(input, {
        credentials,
      });
      return {
        output: {
          id: exemption.id,
          entityRef: exemption.entityRef,
          checkId: exemption.checkId,
          reason: exemption.reason,
          status: exemption.status,
          requestedBy: exemption.requestedBy,
          requestedAt: exemption.requestedAt,
          expiresAt: exemption.expiresAt,
        },
      };
    },
  });
}
