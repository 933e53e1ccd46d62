import type { Entity } from '@backstage/catalog-model';
import type {
  ComplianceRollup,
  EntityCompliance,
} from '@runway/plugin-compliance-common';
import type { ComplianceApi } from '../api';
import { entityComplianceList, levelTrend, orgTree } from './reportFixtures';

/**
 * A component as the catalog would hand it to the entity page.
 *
 * @internal
 */
export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-payments' },
};

/**
 * A team as the catalog would hand it to the group page.
 *
 * @internal
 */
export const groupEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/**
 * An entity that reached bronze, with one check of every interesting status.
 *
 * @internal
 */
export function entityCompliance(
  overrides: Partial<EntityCompliance> = {},
): EntityCompliance {
  return {
    entityRef: 'component:default/payments-api',
    ownerRef: 'group:default/team-payments',
    level: 'bronze',
    levels: [
      {
        id: 'bronze',
        title: 'Bronze',
        checks: ['ownership.owner-exists'],
        achieved: true,
      },
      {
        id: 'silver',
        title: 'Silver',
        checks: ['ownership.owner-has-members', 'ownership.system-assigned'],
        achieved: false,
      },
    ],
    results: [
      {
        checkId: 'ownership.owner-exists',
        title: 'Owner exists',
        status: 'pass',
        message: 'group:default/team-payments exists in the catalog',
        evaluatedAt: '2026-11-20T10:00:00.000Z',
      },
      {
        checkId: 'ownership.owner-has-members',
        title: 'Owner has members',
        status: 'fail',
        message: 'group:default/team-payments has no members',
        remediation: 'Add at least one user to team-payments in the catalog',
        evaluatedAt: '2026-11-20T10:00:00.000Z',
      },
      {
        checkId: 'ownership.system-assigned',
        title: 'System assigned',
        status: 'exempt',
        message: 'spec.system is not set',
        remediation: 'Set spec.system to the system this component is part of',
        evaluatedAt: '2026-11-20T10:00:00.000Z',
      },
    ],
    exemptions: [
      {
        id: 'ex-1',
        entityRef: 'component:default/payments-api',
        checkId: 'ownership.system-assigned',
        reason: 'Being moved to the new payments system',
        status: 'pending',
        requestedBy: 'user:default/alice',
        requestedAt: '2026-11-19T09:00:00.000Z',
        expiresAt: '2026-12-31T00:00:00.000Z',
      },
    ],
    history: [
      {
        entityRef: 'component:default/payments-api',
        checkId: 'ownership.owner-has-members',
        fromStatus: 'pass',
        toStatus: 'fail',
        changedAt: '2026-11-20T10:00:00.000Z',
      },
      {
        entityRef: 'component:default/payments-api',
        checkId: 'ownership.owner-has-members',
        fromStatus: null,
        toStatus: 'pass',
        changedAt: '2026-11-01T08:00:00.000Z',
      },
    ],
    evaluatedAt: '2026-11-20T10:00:00.000Z',
    firstEvaluatedAt: '2026-10-30T08:00:00.000Z',
    ...overrides,
  };
}

/**
 * A rollup of a team with sub-teams: 3 of 4 entities compliant.
 *
 * @internal
 */
export function complianceRollup(
  overrides: Partial<ComplianceRollup> = {},
): ComplianceRollup {
  return {
    scope: { ownerRef: 'group:default/team-payments' },
    entityCount: 4,
    compliantCount: 3,
    percentCompliant: 75,
    levels: { gold: 1, silver: 1, bronze: 1, none: 1 },
    checks: {
      'ownership.owner-exists': { pass: 3, fail: 1 },
      'ownership.owner-has-members': { pass: 2, exempt: 1, fail: 1 },
    },
    worstOffenders: [
      {
        entityRef: 'component:default/legacy-invoicing',
        ownerRef: 'group:default/team-billing',
        failing: ['ownership.owner-exists', 'ownership.owner-has-members'],
      },
    ],
    ...overrides,
  };
}

/**
 * A compliance API whose every method is a jest mock, for the given overrides.
 *
 * @internal
 */
export function mockComplianceApi(
  overrides: Partial<jest.Mocked<ComplianceApi>> = {},
): jest.Mocked<ComplianceApi> {
  return {
    listChecks: jest.fn().mockResolvedValue([
      {
        id: 'ownership.owner-exists',
        title: 'Owner exists',
        description: '',
        source: 'builtin',
      },
      {
        id: 'ownership.owner-has-members',
        title: 'Owner has members',
        description: '',
        source: 'builtin',
      },
    ]),
    getEntity: jest.fn().mockResolvedValue(entityCompliance()),
    evaluate: jest.fn().mockResolvedValue(entityCompliance()),
    getRollup: jest.fn().mockResolvedValue(complianceRollup()),
    dryRunEntity: jest.fn(),
    getGate: jest.fn(),
    dryRun: jest.fn(),
    pushResult: jest.fn(),
    listExemptions: jest.fn().mockResolvedValue([]),
    requestExemption: jest.fn(),
    decideExemption: jest.fn(),
    listCampaigns: jest.fn().mockResolvedValue([]),
    getCampaign: jest.fn(),
    createCampaign: jest.fn(),
    endCampaign: jest.fn(),
    listEntities: jest.fn().mockResolvedValue(entityComplianceList()),
    getOrgTree: jest.fn().mockResolvedValue(orgTree()),
    getTrend: jest.fn().mockResolvedValue(levelTrend()),
    ...overrides,
  };
}

/**
 * A failed request exactly as the compliance client reports it: the real client, given a
 * Backstage error body, throws a `ResponseError` whose cause carries the server's message.
 *
 * @internal
 */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<Error> {
  const { ComplianceClient } = await import('@runway/plugin-compliance-common');
  const client = new ComplianceClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/compliance' },
    fetchApi: {
      fetch: async () =>
        new Response(
          JSON.stringify({
            error: { name, message },
            request: { method: 'POST', url: '/exemptions/ex-1/decision' },
            response: { statusCode: status },
          }),
          {
            status,
            statusText: name,
            headers: { 'Content-Type': 'application/json' },
          },
        ),
    },
  });
  return client.decideExemption('ex-1', { decision: 'approve' }).then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: Error) => error,
  );
}
