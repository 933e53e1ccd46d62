import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ResponseError } from '@backstage/errors';
import type { TechDocsSectionsIndexFreshness } from '../collator/TechDocsSectionsCollatorFactory';
import {
  TECHDOCS_SECTIONS_DOCUMENT_TYPE,
  type TechDocsSectionResultDocument,
} from '../types';

/** The search backend refuses longer terms unless `search.maxTermLength` says otherwise. */
const MAX_QUERY_LENGTH = 100;
const SNIPPET_LENGTH = 300;

/** The filters the action offers: fields of every section record. */
const FILTER_FIELDS = ['owner', 'system', 'kind', 'lifecycle'] as const;

/**
 * A section's text cut at a word boundary, as a plain-text snippet for an assistant (no
 * markup: the text is the page's, stripped of HTML by the collator).
 */
function snippetOf(text: string): string {
  if (text.length <= SNIPPET_LENGTH) return text;
  const cut = text.slice(0, SNIPPET_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 200))}…`;
}

/**
 * `search:docs-search`: finds the TechDocs sections that answer a question, with deep links,
 * owner and trust fields. It asks the search backend's own query API with a token on behalf
 * of the caller, so the backend's permission filtering applies: an assistant sees only the
 * sections of entities the person it acts for may read.
 */
export function registerDocsSearchAction(options: {
  actionsRegistry: ActionsRegistryService;
  discovery: DiscoveryService;
  auth: AuthService;
  /** The frontend's base URL, to make the deep links absolute. */
  appBaseUrl?: string;
  freshness: () => TechDocsSectionsIndexFreshness;
  fetch?: typeof fetch;
}) {
  const { actionsRegistry, discovery, auth, appBaseUrl } = options;
  const fetchFn = options.fetch ?? fetch;

  actionsRegistry.register({
    name: 'docs-search',
    title: 'Search the documentation',
    description: `Searches the TechDocs of the software catalog and answers the sections (headings) that match, best first: each with a deep link to the heading, its place in the docs (site › page › heading), a text snippet, the entity the docs belong to, its owner and system, and whether to trust it: whether the owner exists and is an active team, whether the entity is deprecated, when the page was last updated and whether that is stale.

Use it to find the runbook or how-to section a person would look for ("how do I rotate the payments API key", "restart the settlement worker"). Typos are tolerated in longer words; deprecated and stale sections rank below current ones but are not hidden, so check the trust fields before relying on one. Only the docs of entities the caller may read are searched.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          query: z
            .string()
            .min(1)
            .max(MAX_QUERY_LENGTH)
            .describe('What to look for, in words or as a question.'),
          owner: z
            .string()
            .optional()
            .describe(
              'Only docs owned by this team (its name, e.g. team-payments).',
            ),
          system: z
            .string()
            .optional()
            .describe('Only docs of entities in this system.'),
          kind: z
            .string()
            .optional()
            .describe('Only docs of entities of this kind, e.g. component.'),
          lifecycle: z
            .string()
            .optional()
            .describe(
              'Only docs of entities with this lifecycle, e.g. production.',
            ),
          limit: z
            .number()
            .int()
            .min(1)
            .max(25)
            .default(10)
            .describe('How many sections to answer (default 10).'),
        }),
      output: z =>
        z.object({
          results: z.array(
            z.object({
              title: z.string().describe('The section heading.'),
              link: z
                .string()
                .describe('A link to the section (page and anchor).'),
              hierarchy: z
                .array(z.string())
                .describe('Site › page › heading › subheading.'),
              snippet: z.string(),
              entityRef: z.string(),
              entityTitle: z.string(),
              owner: z.string().describe('The owner’s entity ref, or empty.'),
              system: z.string(),
              lifecycle: z.string(),
              trust: z.object({
                ownerExists: z.boolean(),
                ownerIsActiveTeam: z.boolean(),
                deprecated: z.boolean(),
                stale: z.boolean(),
                lastUpdated: z
                  .string()
                  .describe(
                    'When the page was last updated (ISO 8601), or empty when unknown.',
                  ),
              }),
            }),
          ),
          indexedAt: z
            .string()
            .optional()
            .describe('When the docs index was last rebuilt (ISO 8601).'),
        }),
    },
    action: async ({ input, credentials }) => {
      const params = new URLSearchParams({
        term: input.query,
        'types[0]': TECHDOCS_SECTIONS_DOCUMENT_TYPE,
        pageLimit: String(input.limit),
      });
      for (const field of FILTER_FIELDS) {
        const value = input[field];
        if (value) params.set(`filters[${field}]`, value);
      }
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'search',
      });
      const response = await fetchFn(
        `${await discovery.getBaseUrl('search')}/query?${params}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const body = (await response.json()) as {
        results: Array<{
          type: string;
          document: Partial<TechDocsSectionResultDocument>;
        }>;
      };
      const base = appBaseUrl?.replace(/\/+$/, '') ?? '';
      return {
        output: {
          results: body.results
            .filter(r => r.type === TECHDOCS_SECTIONS_DOCUMENT_TYPE)
            .map(({ document: d }) => ({
              title: d.title ?? '',
              link: d.location?.startsWith('/')
                ? `${base}${d.location}`
                : d.location ?? '',
              hierarchy: d.hierarchy ?? [],
              snippet: snippetOf(d.text ?? ''),
              // The search backend keeps the records' authorization to itself.
              entityRef: `${d.kind}:${d.namespace}/${d.name}`,
              entityTitle: d.entityTitle ?? '',
              owner: d.ownerRef ?? '',
              system: d.system ?? '',
              lifecycle: d.lifecycle ?? '',
              trust: {
                ownerExists: d.ownerExists === true,
                ownerIsActiveTeam: d.ownerIsActiveTeam === true,
                deprecated: d.deprecated === true,
                stale: d.stale === true,
                lastUpdated: d.lastUpdated ?? '',
              },
            })),
          indexedAt: options.freshness().lastCrawlCompletedAt,
        },
      };
    },
  });
}
