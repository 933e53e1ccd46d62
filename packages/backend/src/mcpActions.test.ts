// An AI assistant's view of Runway: a real MCP client (@modelcontextprotocol/sdk, Streamable
// HTTP) connected to the MCP actions backend of a running backend, which calls the
// compliance actions through Backstage's actions service and the compliance plugin's
// actions registry. Backstage's own auth, httpAuth, userInfo and auditor services run
// instead of startTestBackend's mocks, and so do the catalog, the permission backend and the
// demo's permission policy, so that tokens, identities, permissions and audit events take
// the path they take in production.
//
// What this shows about whom an assistant acts for:
// - with a person's token, the compliance backend sees that person: the policy decides
//   (a team manages its own components) and the audit log names them;
// - with a static external-access token, the MCP backend calls the compliance backend as
//   itself (`plugin:mcp-actions`): Backstage forwards only a user's identity from plugin to
//   plugin. Like every service principal it is not asked of the policy; the MCP backend's
//   own audit event names the token's subject;
// - a static token whose access restrictions grant only some compliance permissions cannot
//   be delegated at all: Backstage refuses it, and the compliance tools are not offered.
import { DefaultAuditorService } from '@backstage/backend-defaults/auditor';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { notificationService } from '@backstage/plugin-notifications-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import localUserPickerModule, {
  LOCAL_USER_HEADER,
} from '@runway/plugin-auth-backend-module-local-user-picker-provider';
import compliancePlugin from '@runway/plugin-compliance-backend';
import runwayPolicyModule from '@runway/plugin-permission-backend-module-runway-policy';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import request from 'supertest';

jest.setTimeout(180_000);

/** An assistant's token: may use the MCP backend, the compliance backend and the catalog. */
const ASSISTANT_TOKEN = randomBytes(32).toString('base64url');
/** May use compliance, but only to evaluate: no exemption requests. */
const EVALUATE_ONLY_TOKEN = randomBytes(32).toString('base64url');

const COMPLIANCE_TOOLS = [
  'compliance.check-deployment-gate',
  'compliance.explain-entity-compliance',
  'compliance.list-failing-entities',
  'compliance.request-exemption',
];

type AuditEvent = {
  plugin: string;
  eventId: string;
  status: string;
  actor: { actorId?: string };
  meta?: Record<string, any>;
};

/** Backstage's auditor, writing its events to `events` instead of the log. */
function recordingAuditor(events: AuditEvent[]) {
  return createServiceFactory({
    service: coreServices.auditor,
    deps: {
      auth: coreServices.auth,
      httpAuth: coreServices.httpAuth,
      plugin: coreServices.pluginMetadata,
    },
    factory: deps =>
      DefaultAuditorService.create(
        async event => void events.push(event as AuditEvent),
        deps,
      ),
  });
}

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();

describe('compliance actions over MCP', () => {
  const audit: AuditEvent[] = [];
  const clients: Client[] = [];
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let mcpUrl: URL;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        recordingAuditor(audit),
        authPlugin,
        localUserPickerModule,
        catalogPlugin,
        permissionPlugin,
        runwayPolicyModule,
        compliancePlugin,
        mcpActionsPlugin,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: {
              environment: 'development',
              providers: {
                localUserPicker: {
                  development: { users: ['alice', 'elena'] },
                },
              },
            },
            permission: {
              enabled: true,
              runwayPolicy: { adminGroups: ['group:default/team-platform'] },
            },
            backend: {
              actions: { pluginSources: ['catalog', 'compliance'] },
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: {
                      token: ASSISTANT_TOKEN,
                      subject: 'ide-assistant',
                    },
                    accessRestrictions: [
                      { plugin: 'mcp-actions' },
                      { plugin: 'compliance' },
                      { plugin: 'catalog' },
                    ],
                  },
                  {
                    type: 'static',
                    options: {
                      token: EVALUATE_ONLY_TOKEN,
                      subject: 'evaluate-only',
                    },
                    accessRestrictions: [
                      { plugin: 'mcp-actions' },
                      { plugin: 'catalog' },
                      {
                        plugin: 'compliance',
                        permission: 'compliance.evaluate',
                      },
                    ],
                  },
                ],
              },
            },
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Group', 'User', 'System', 'Component'] }],
              locations: [
                {
                  type: 'file',
                  target: resolve(
                    __dirname,
                    'testing/mcp-organisation/catalog-info.yaml',
                  ),
                },
              ],
            },
            compliance: {
              catalogIndexMaxAge: { milliseconds: 0 },
              // No TechDocs backend runs here: the docs check applies to nothing.
              checks: [
                {
                  id: 'docs.techdocs-present',
                  options: { kinds: ['TechDocsNotInThisTest'] },
                },
              ],
              gate: {
                environments: { production: 'silver', staging: 'bronze' },
              },
              levels: [
                {
                  id: 'bronze',
                  checks: [
                    'ownership.owner-declared',
                    'ownership.owner-exists',
                  ],
                },
                {
                  id: 'silver',
                  checks: [
                    'ownership.owner-is-group',
                    'ownership.owner-has-members',
                  ],
                },
              ],
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    mcpUrl = new URL(`http://localhost:${port}/api/mcp-actions/v1`);
    await waitForOwnedComponents();
    for (const name of ['payments-api', 'payments-app', 'checkout-api']) {
      const evaluated = await request(backend.server)
        .post(`/api/compliance/entities/component/default/${name}/evaluate`)
        .set('Authorization', `Bearer ${ASSISTANT_TOKEN}`);
      if (evaluated.status !== 200) {
        throw new Error(
          `Evaluating ${name}: ${JSON.stringify(evaluated.body)}`,
        );
      }
    }
  });

  afterAll(async () => {
    await Promise.all(clients.map(client => client.close()));
    await backend.stop();
  });

  /** Until the catalog has stitched every component with its ownedBy relation. */
  async function waitForOwnedComponents() {
    for (let attempt = 0; attempt < 120; attempt++) {
      const res = await request(backend.server)
        .get('/api/catalog/entities')
        .query({ filter: 'kind=component' })
        .set('Authorization', `Bearer ${ASSISTANT_TOKEN}`);
      const owned = (res.body as any[]).filter(entity =>
        entity.relations?.some((r: any) => r.type === 'ownedBy'),
      );
      if (owned.length === 3) return;
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error('The catalog did not ingest the three owned components');
  }

  /** A person's Backstage token, signed in as the browser does. */
  async function signIn(user: string): Promise<string> {
    const res = await request(backend.server)
      .get('/api/auth/localUserPicker/refresh')
      .set(LOCAL_USER_HEADER, user);
    expect(res.status).toBe(200);
    return res.body.backstageIdentity.token;
  }

  async function connect(token: string): Promise<Client> {
    const client = new Client({
      name: 'runway-test-assistant',
      version: '1.0.0',
    });
    await client.connect(
      new StreamableHTTPClientTransport(mcpUrl, {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    clients.push(client);
    return client;
  }

  /** Calls a tool and returns its structured output, failing on an error result. */
  async function call(client: Client, name: string, args: object) {
    const result = await client.callTool({ name, arguments: { ...args } });
    if (result.isError) {
      throw new Error(`${name}: ${JSON.stringify(result.content)}`);
    }
    return result.structuredContent as any;
  }

  /** Calls a tool that must fail and returns the error text it answered. */
  async function callFailing(client: Client, name: string, args: object) {
    const result = await client.callTool({ name, arguments: { ...args } });
    expect(result.isError).toBe(true);
    return (result.content as Array<{ text: string }>)[0].text;
  }

  const exemptionsOf = async (entityRef: string) =>
    (
      await request(backend.server)
        .get('/api/compliance/exemptions')
        .query({ entityRef })
        .set('Authorization', `Bearer ${ASSISTANT_TOKEN}`)
    ).body.items as any[];

  describe('with a static token', () => {
    let assistant: Client;
    beforeAll(async () => {
      assistant = await connect(ASSISTANT_TOKEN);
    });

    it('lists the compliance tools with their annotations and schemas', async () => {
      const { tools } = await assistant.listTools();
      const byName = new Map(tools.map(tool => [tool.name, tool]));
      for (const name of COMPLIANCE_TOOLS) expect(byName.has(name)).toBe(true);
      // The catalog's actions are exposed too (backend.actions.pluginSources).
      expect(byName.has('catalog.get-catalog-entity')).toBe(true);

      expect(
        byName.get('compliance.explain-entity-compliance')!.annotations,
      ).toMatchObject({ readOnlyHint: true, destructiveHint: false });
      const requestExemption = byName.get('compliance.request-exemption')!;
      expect(requestExemption.annotations).toMatchObject({
        readOnlyHint: false,
        destructiveHint: false,
      });
      expect(requestExemption.inputSchema).toMatchObject({
        type: 'object',
        required: ['entityRef', 'checkId', 'reason', 'expiresAt'],
      });
      expect(requestExemption.description).toMatch(
        /compliance\.exemption\.create/,
      );
    });

    it('explains why an entity fails and what the next level needs', async () => {
      const explained = await call(
        assistant,
        'compliance.explain-entity-compliance',
        { entityRef: 'payments-app' },
      );
      expect(explained).toMatchObject({
        entityRef: 'component:default/payments-app',
        ownerRef: 'group:default/team-payments-mobile',
        level: 'bronze',
        nextLevel: {
          id: 'silver',
          unmetChecks: ['ownership.owner-has-members'],
        },
      });
      expect(
        explained.checks.find(
          (c: any) => c.checkId === 'ownership.owner-has-members',
        ),
      ).toMatchObject({
        status: 'fail',
        message: expect.stringContaining('team-payments-mobile'),
        remediation: expect.any(String),
      });
    });

    it('lists the failing entities of a team and its sub-teams', async () => {
      const failing = await call(
        assistant,
        'compliance.list-failing-entities',
        { ownerRef: 'group:default/team-payments' },
      );
      expect(failing).toEqual({
        ownerRef: 'group:default/team-payments',
        totalItems: 1,
        offset: 0,
        nextOffset: null,
        items: [
          {
            entityRef: 'component:default/payments-app',
            ownerRef: 'group:default/team-payments-mobile',
            level: 'bronze',
            failingChecks: ['ownership.owner-has-members'],
          },
        ],
      });
    });

    it('checks the deploy gate for an environment', async () => {
      const gate = await call(assistant, 'compliance.check-deployment-gate', {
        entityRef: 'component:default/payments-app',
        environment: 'production',
      });
      expect(gate).toMatchObject({
        allowed: false,
        requiredLevel: 'silver',
        level: 'bronze',
        failingChecks: [{ checkId: 'ownership.owner-has-members' }],
        reason: expect.stringContaining('production requires silver'),
      });
      const staging = await call(
        assistant,
        'compliance.check-deployment-gate',
        { entityRef: 'payments-app', environment: 'staging' },
      );
      expect(staging.allowed).toBe(true);
    });

    it('requests an exemption, stored and audited like POST /exemptions', async () => {
      const exemption = await call(assistant, 'compliance.request-exemption', {
        entityRef: 'component:default/payments-app',
        checkId: 'ownership.owner-has-members',
        reason: 'A second mobile engineer starts next month',
        expiresAt: inDays(30),
      });
      // Backstage forwards no service identity between plugins: the compliance backend
      // sees the MCP backend, not the token's subject.
      expect(exemption).toMatchObject({
        status: 'pending',
        requestedBy: 'plugin:mcp-actions',
      });
      expect((await exemptionsOf('component:default/payments-app'))[0]).toEqual(
        expect.objectContaining({ id: exemption.id, status: 'pending' }),
      );

      expect(audit).toContainEqual(
        expect.objectContaining({
          plugin: 'compliance',
          eventId: 'exemption-request',
          status: 'succeeded',
          meta: expect.objectContaining({
            actor: 'plugin:mcp-actions',
            entityRef: 'component:default/payments-app',
            exemptionId: exemption.id,
          }),
        }),
      );
      // Which token it was is in the MCP backend's own audit event.
      expect(audit).toContainEqual(
        expect.objectContaining({
          plugin: 'mcp-actions',
          eventId: 'tool-execution',
          status: 'succeeded',
          actor: expect.objectContaining({ actorId: 'ide-assistant' }),
          meta: { toolName: 'compliance.request-exemption' },
        }),
      );
    });

    it('answers the services’ errors as tool errors', async () => {
      expect(
        await callFailing(assistant, 'compliance.explain-entity-compliance', {
          entityRef: 'component:default/nowhere',
        }),
      ).toBe(
        'NotFoundError: entityRef: no such entity in the catalog, or it is not visible to you',
      );
      expect(
        await callFailing(assistant, 'compliance.request-exemption', {
          entityRef: 'payments-app',
          checkId: 'ownership.owner-has-members',
          reason: 'Too long',
          expiresAt: inDays(365),
        }),
      ).toBe('InputError: expiresAt must be at most 90 days from now');
    });
  });

  describe('with a person’s token', () => {
    it('acts as that person: their team’s components only', async () => {
      const alice = await connect(await signIn('alice'));

      // Everyone reads, so alice may look at another team's component...
      const explained = await call(
        alice,
        'compliance.explain-entity-compliance',
        { entityRef: 'component:default/checkout-api' },
      );
      expect(explained.nextLevel.unmetChecks).toEqual([
        'ownership.owner-has-members',
      ]);
      // ...but not ask for its exemption: checkout-api is team-checkout's.
      const input = {
        entityRef: 'component:default/checkout-api',
        checkId: 'ownership.owner-has-members',
        reason: 'Asked by someone from another team',
        expiresAt: inDays(30),
      };
      expect(
        await callFailing(alice, 'compliance.request-exemption', input),
      ).toBe('NotAllowedError: Missing permission compliance.exemption.create');
      expect(await exemptionsOf('component:default/checkout-api')).toEqual([]);
      expect(audit).toContainEqual(
        expect.objectContaining({
          plugin: 'compliance',
          eventId: 'exemption-request',
          status: 'failed',
          meta: expect.objectContaining({
            actor: 'user:default/alice',
            entityRef: 'component:default/checkout-api',
          }),
        }),
      );

      // elena is in team-checkout: the same request is hers to make, and names her.
      const elena = await connect(await signIn('elena'));
      const exemption = await call(elena, 'compliance.request-exemption', {
        ...input,
        reason: 'Hiring for team-checkout',
      });
      expect(exemption).toMatchObject({
        status: 'pending',
        requestedBy: 'user:default/elena',
      });
      expect(audit).toContainEqual(
        expect.objectContaining({
          plugin: 'compliance',
          eventId: 'exemption-request',
          status: 'succeeded',
          meta: expect.objectContaining({
            actor: 'user:default/elena',
            exemptionId: exemption.id,
          }),
        }),
      );
    });
  });

  describe('with a static token restricted to some compliance permissions', () => {
    it('is refused every compliance tool, while the catalog’s still work', async () => {
      const restricted = await connect(EVALUATE_ONLY_TOKEN);
      const { tools } = await restricted.listTools();
      const names = tools.map(tool => tool.name);
      expect(names).toContain('catalog.get-catalog-entity');
      expect(names.filter(name => name.startsWith('compliance.'))).toEqual([]);

      expect(
        await callFailing(restricted, 'compliance.request-exemption', {
          entityRef: 'component:default/payments-api',
          checkId: 'ownership.owner-has-members',
          reason: 'Should never be stored',
          expiresAt: inDays(30),
        }),
      ).toBe('NotFoundError: Action "compliance.request-exemption" not found');
      expect(await exemptionsOf('component:default/payments-api')).toEqual([]);

      const entity = await call(restricted, 'catalog.get-catalog-entity', {
        kind: 'Component',
        name: 'payments-api',
      });
      expect(entity.metadata.name).toBe('payments-api');
    });
  });
});
