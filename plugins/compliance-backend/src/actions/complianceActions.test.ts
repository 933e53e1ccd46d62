// The compliance actions through the actions registry's own HTTP API, the one the MCP
// actions backend calls: listing, input validation, errors as the registry maps them, and
// the permission check and audit of the write. packages/backend/src/mcpActions.test.ts
// connects a real MCP client to the same actions.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { compliancePlugin } from '../plugin';
import {
  component,
  group,
  notificationServiceFactory,
  system,
  user,
} from '../testing/testBackend';

jest.setTimeout(60_000);

const entities: Entity[] = [
  group('acme'),
  group('team-a', 'acme'),
  // A sub-team of team-a with one member: what it owns fails owner-has-members.
  group('team-a-mobile', 'team-a'),
  user('alice', 'team-a'),
  user('bob', 'team-a'),
  user('carl', 'team-a-mobile'),
  system('shop', 'acme'),
  component('good', { owner: 'team-a', system: 'shop' }),
  component('app-android', { owner: 'team-a-mobile', system: 'shop' }),
  component('app-ios', { owner: 'team-a-mobile', system: 'shop' }),
  component('ghost', { owner: 'team-billing', system: 'shop' }),
];

const ALICE = 'user:default/alice';
const alice = mockCredentials.user.header(ALICE);
const carl = mockCredentials.user.header('user:default/carl');
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();

async function startBackend() {
  const auditor = mockServices.auditor.mock();
  const backend = await startTestBackend({
    features: [
      compliancePlugin,
      catalogServiceMock.factory({ entities }),
      notificationServiceFactory(),
      auditor.factory,
      // Everyone reads everything; carl may not request exemptions.
      mockServices.permissions.mock({
        authorizeConditional: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        authorize: async (requests, options) =>
          requests.map(r => ({
            result:
              r.permission.name === 'compliance.exemption.create' &&
              (options.credentials.principal as any).userEntityRef ===
                'user:default/carl'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          compliance: {
            catalogIndexMaxAge: { milliseconds: 0 },
            // No TechDocs here: the docs check applies to nothing.
            checks: [
              {
                id: 'docs.techdocs-present',
                options: { kinds: ['TechDocsNotInThisTest'] },
              },
            ],
            gate: { environments: { production: 'silver', staging: 'bronze' } },
            levels: [
              {
                id: 'bronze',
                checks: ['ownership.owner-declared', 'ownership.owner-exists'],
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
  const { server } = backend;
  for (const name of ['good', 'app-android', 'app-ios', 'ghost']) {
    const res = await request(server)
      .post(`/api/compliance/entities/component/default/${name}/evaluate`)
      .set('Authorization', alice);
    expect(res.status).toBe(200);
  }
  const invoke = (action: string, input: object, authorization = alice) =>
    request(server)
      .post(`/api/compliance/.backstage/actions/v1/actions/${action}/invoke`)
      .set('Authorization', authorization)
      .send(input);
  return { server, auditor, invoke };
}

describe('compliance actions', () => {
  let backend: Awaited<ReturnType<typeof startBackend>>;
  beforeAll(async () => {
    backend = await startBackend();
  });

  it('lists the actions with their attributes and schemas', async () => {
    const res = await request(backend.server)
      .get('/api/compliance/.backstage/actions/v1/actions')
      .set('Authorization', alice);
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      res.body.actions.map((a: any) => [a.name, a]),
    );
    expect(Object.keys(byName).sort()).toEqual([
      'check-deployment-gate',
      'explain-entity-compliance',
      'list-failing-entities',
      'request-exemption',
    ]);
    for (const name of [
      'check-deployment-gate',
      'explain-entity-compliance',
      'list-failing-entities',
    ]) {
      expect(byName[name].attributes).toEqual({
        readOnly: true,
        destructive: false,
        idempotent: true,
      });
    }
    expect(byName['request-exemption'].attributes).toEqual({
      readOnly: false,
      destructive: false,
      idempotent: false,
    });
    expect(byName['request-exemption'].schema.input.required).toEqual([
      'entityRef',
      'checkId',
      'reason',
      'expiresAt',
    ]);
    // The descriptions tell an assistant what the configuration allows.
    expect(byName['check-deployment-gate'].description).toContain(
      'production (requires silver), staging (requires bronze)',
    );
    expect(byName['request-exemption'].description).toContain(
      'at most 90 days from now',
    );
  });

  it('explains each check, the level and what the next level needs', async () => {
    const res = await backend.invoke('compliance:explain-entity-compliance', {
      entityRef: 'app-android',
    });
    expect(res.status).toBe(200);
    const { output } = res.body;
    expect(output).toMatchObject({
      entityRef: 'component:default/app-android',
      ownerRef: 'group:default/team-a-mobile',
      evaluated: true,
      level: 'bronze',
      levels: [
        { id: 'bronze', achieved: true },
        { id: 'silver', achieved: false },
      ],
      nextLevel: { id: 'silver', unmetChecks: ['ownership.owner-has-members'] },
    });
    expect(output.summary).toBe(
      'component:default/app-android is at level bronze; silver also needs ownership.owner-has-members (fail).',
    );
    const members = output.checks.find(
      (c: any) => c.checkId === 'ownership.owner-has-members',
    );
    expect(members).toMatchObject({
      status: 'fail',
      requiredFor: 'silver',
      message: expect.stringContaining('team-a-mobile'),
      remediation: expect.any(String),
    });
  });

  it('lists the failing entities of an owner and its sub-teams, page by page', async () => {
    const first = await backend.invoke('compliance:list-failing-entities', {
      ownerRef: 'team-a',
      limit: 1,
    });
    expect(first.status).toBe(200);
    expect(first.body.output).toEqual({
      ownerRef: 'group:default/team-a',
      totalItems: 2,
      offset: 0,
      nextOffset: 1,
      items: [
        {
          entityRef: 'component:default/app-android',
          ownerRef: 'group:default/team-a-mobile',
          level: 'bronze',
          failingChecks: ['ownership.owner-has-members'],
        },
      ],
    });
    const second = await backend.invoke('compliance:list-failing-entities', {
      ownerRef: 'group:default/team-a',
      offset: 1,
      limit: 1,
    });
    expect(second.body.output).toMatchObject({
      totalItems: 2,
      offset: 1,
      nextOffset: null,
      items: [{ entityRef: 'component:default/app-ios' }],
    });
  });

  it('answers the gate per environment', async () => {
    const production = await backend.invoke(
      'compliance:check-deployment-gate',
      { entityRef: 'component:default/app-ios', environment: 'Production' },
    );
    expect(production.status).toBe(200);
    expect(production.body.output).toMatchObject({
      entityRef: 'component:default/app-ios',
      environment: 'production',
      allowed: false,
      requiredLevel: 'silver',
      level: 'bronze',
      failingChecks: [
        { checkId: 'ownership.owner-has-members', status: 'fail' },
      ],
      reason: expect.stringContaining('production requires silver'),
    });
    const staging = await backend.invoke('compliance:check-deployment-gate', {
      entityRef: 'component:default/app-ios',
      environment: 'staging',
    });
    expect(staging.body.output).toMatchObject({
      allowed: true,
      failingChecks: [],
    });
  });

  it('requests an exemption under the caller’s identity and audits it', async () => {
    const expiresAt = inDays(30);
    const res = await backend.invoke('compliance:request-exemption', {
      entityRef: 'component:default/app-ios',
      checkId: 'ownership.owner-has-members',
      reason: 'A second engineer joins next month',
      expiresAt,
    });
    expect(res.status).toBe(200);
    const exemption = res.body.output;
    expect(exemption).toMatchObject({
      entityRef: 'component:default/app-ios',
      checkId: 'ownership.owner-has-members',
      status: 'pending',
      requestedBy: ALICE,
      expiresAt,
    });

    const stored = await request(backend.server)
      .get('/api/compliance/exemptions')
      .query({ entityRef: 'component:default/app-ios' })
      .set('Authorization', alice);
    expect(stored.body.items.map((e: any) => e.id)).toEqual([exemption.id]);

    const calls = backend.auditor.createEvent.mock.calls.map(c => c[0]);
    const index = calls.findIndex(c => c.eventId === 'exemption-request');
    expect(calls[index]).toMatchObject({
      meta: {
        actor: ALICE,
        entityRef: 'component:default/app-ios',
        checkId: 'ownership.owner-has-members',
      },
    });
    const event = await backend.auditor.createEvent.mock.results[index].value;
    expect(event.success).toHaveBeenCalledWith({
      meta: { exemptionId: exemption.id },
    });
  });

  it('refuses the exemption to a caller without the permission, who may still read', async () => {
    const denied = await backend.invoke(
      'compliance:request-exemption',
      {
        entityRef: 'component:default/app-android',
        checkId: 'ownership.owner-has-members',
        reason: 'Not mine to ask',
        expiresAt: inDays(30),
      },
      carl,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: 'Missing permission compliance.exemption.create',
    });
    const stored = await request(backend.server)
      .get('/api/compliance/exemptions')
      .query({ entityRef: 'component:default/app-android' })
      .set('Authorization', alice);
    expect(stored.body.items).toEqual([]);

    const read = await backend.invoke(
      'compliance:explain-entity-compliance',
      { entityRef: 'component:default/app-android' },
      carl,
    );
    expect(read.status).toBe(200);
  });

  it('answers errors as the registry maps them, naming the field', async () => {
    const missing = await backend.invoke(
      'compliance:explain-entity-compliance',
      { entityRef: 'component:default/nope' },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(/^entityRef: /),
    });

    const badRef = await backend.invoke('compliance:check-deployment-gate', {
      entityRef: 'component:default/',
      environment: 'production',
    });
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.message).toMatch(/^entityRef: /);

    const unknownEnvironment = await backend.invoke(
      'compliance:check-deployment-gate',
      { entityRef: 'good', environment: 'moon' },
    );
    expect(unknownEnvironment.status).toBe(400);
    expect(unknownEnvironment.body.error.message).toMatch(
      /environment 'moon' is not configured/,
    );

    const exemptionInput = {
      entityRef: 'good',
      checkId: 'ownership.owner-has-members',
      reason: 'Because',
    };
    for (const [expiresAt, message] of [
      ['2026-12-31', /^expiresAt must be an ISO 8601 date-time/],
      [inDays(-1), /^expiresAt must be in the future/],
      [inDays(91), /^expiresAt must be at most 90 days from now/],
    ]) {
      const res = await backend.invoke('compliance:request-exemption', {
        ...exemptionInput,
        expiresAt,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }

    // Input that breaks the schema is refused by the registry before the action runs.
    const noReason = await backend.invoke('compliance:request-exemption', {
      ...exemptionInput,
      reason: undefined,
      expiresAt: inDays(1),
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.name).toBe('InputError');
  });
});
