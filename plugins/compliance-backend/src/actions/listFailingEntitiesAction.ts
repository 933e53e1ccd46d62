import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseRequestRef } from '../authorization/AccessControl';
import type { AuthorizedComplianceReports } from '../authorization/AuthorizedComplianceReports';
import { entityRefInput } from './actionSchemas';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/**
 * `compliance:list-failing-entities`: a team's entities that fail a check, the team's
 * sub-teams included, as far as the caller may see them.
 *
 * @internal
 */
export function registerListFailingEntitiesAction(
  actionsRegistry: ActionsRegistryService,
  reports: AuthorizedComplianceReports,
) {
  actionsRegistry.register({
    name: 'list-failing-entities',
    title: 'List an owner’s failing entities',
    description: `Lists the entities owned by a group, or by any group below it in the organisation (sub-teams), that fail at least one compliance check, with the ids of the checks they fail and the level they reach. Entities that only pass, are exempt or are not applicable are left out.

Use it for "what does my team need to fix?". The list is ordered by entity ref and paged: pass \`offset\` (default 0) and \`limit\` (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}); when \`nextOffset\` is not null, call again with it for the next page. Call compliance:explain-entity-compliance on an entity for why and how to fix. Only entities the caller may see in the catalog are listed; an owner that does not exist or is not visible answers NotFoundError.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          ownerRef: entityRefInput(
            z,
            'The owning group; its sub-groups are included',
            'group',
          ),
          checkId: z
            .string()
            .min(1)
            .max(255)
            .optional()
            .describe(
              'Only entities that fail this check, e.g. `ownership.owner-has-members`.',
            ),
          offset: z
            .number()
            .int()
            .min(0)
            .max(1_000_000)
            .optional()
            .describe('How many entities to skip; default 0.'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(MAX_LIMIT)
            .optional()
            .describe(
              `How many entities to return; default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}.`,
            ),
        }),
      output: z =>
        z.object({
          ownerRef: z.string(),
          totalItems: z
            .number()
            .describe('How many failing entities there are over all pages.'),
          offset: z.number(),
          nextOffset: z
            .number()
            .nullable()
            .describe('The offset of the next page, or null on the last page.'),
          items: z.array(
            z.object({
              entityRef: z.string(),
              ownerRef: z.string().optional(),
              level: z.string().nullable(),
              failingChecks: z.array(z.string()),
            }),
          ),
        }),
    },
    examples: [
      {
        title: 'A team’s failing entities, first page',
        input: { ownerRef: 'group:default/team-payments' },
      },
      {
        title: 'The next page of those that fail one check',
        input: {
          ownerRef: 'team-payments',
          checkId: 'ownership.system-assigned',
          offset: 50,
          limit: 50,
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const offset = input.offset ?? 0;
      const limit = input.limit ?? DEFAULT_LIMIT;
      const page = await reports.listEntities(
        {
          ownerRef: input.ownerRef,
          status: 'fail',
          checkId: input.checkId,
          offset,
          limit,
        },
        { credentials },
      );
      const end = offset + page.items.length;
      return {
        output: {
          ownerRef: parseRequestRef(input.ownerRef, {
            field: 'ownerRef',
            defaultKind: 'group',
          }),
          totalItems: page.totalItems,
          offset,
          nextOffset: end < page.totalItems ? end : null,
          items: page.items.map(row => ({
            entityRef: row.entityRef,
            ...(row.ownerRef ? { ownerRef: row.ownerRef } : {}),
            level: row.level,
            failingChecks: Object.entries(row.statuses)
              .filter(([, status]) => status === 'fail')
              .map(([checkId]) => checkId)
              .sort(),
          })),
        },
      };
    },
  });
}
