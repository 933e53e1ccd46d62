import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ComplianceService } from '@runway/plugin-compliance-node';
import { NotFoundError } from '@backstage/errors';
import { CatalogOwnerStatusResolver } from './CatalogOwnerStatusResolver';
import { ComplianceOwnerStatusResolver } from './ComplianceOwnerStatusResolver';

const component = (name: string, owner?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    ...(owner ? { owner } : {}),
  },
});
const group = (name: string, members: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: members.map(m => ({
    type: 'hasMember',
    targetRef: `user:default/${m}`,
  })),
});
const user: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: { memberOf: ['team-a'] },
};

const catalog = catalogServiceMock({
  entities: [group('team-a', ['alice']), group('team-empty', []), user],
});
const catalogOwners = new CatalogOwnerStatusResolver({
  catalog,
  auth: mockServices.auth(),
});

describe('CatalogOwnerStatusResolver', () => {
  it('says whether the owner exists and is a group with members', async () => {
    const entities = [
      component('a', 'team-a'),
      component('b', 'team-empty'),
      component('c', 'user:alice'),
      component('d', 'team-gone'),
      component('e'),
    ];
    const statuses = await catalogOwners.resolve(entities);
    expect(Object.fromEntries(statuses)).toEqual({
      'component:default/a': {
        ownerExists: true,
        ownerIsActiveTeam: true,
        source: 'catalog',
      },
      'component:default/b': {
        ownerExists: true,
        ownerIsActiveTeam: false,
        source: 'catalog',
      },
      'component:default/c': {
        ownerExists: true,
        ownerIsActiveTeam: false,
        source: 'catalog',
      },
      'component:default/d': {
        ownerExists: false,
        ownerIsActiveTeam: false,
        source: 'catalog',
      },
      'component:default/e': {
        ownerExists: false,
        ownerIsActiveTeam: false,
        source: 'catalog',
      },
    });
  });
});

describe('ComplianceOwnerStatusResolver', () => {
  type Status = 'pass' | 'fail' | 'exempt' | 'not-applicable' | 'error';
  const results = (checks: Record<string, Status>) =>
    Object.entries(checks).map(([checkId, status]) => ({
      checkId,
      title: checkId,
      status,
      message: '',
      evaluatedAt: '2025-01-01T00:00:00Z',
    }));

  function resolverWith(
    byEntity: Record<string, Record<string, Status> | Error>,
  ) {
    const asked: Array<{ ref: string; principal: unknown }> = [];
    const compliance = {
      getEntityCompliance: async (ref: string, { credentials }: any) => {
        asked.push({ ref, principal: credentials.principal });
        const answer = byEntity[ref];
        if (answer instanceof Error) throw answer;
        return { entityRef: ref, results: results(answer) } as any;
      },
    } as Partial<ComplianceService> as ComplianceService;
    const resolver = new ComplianceOwnerStatusResolver({
      compliance,
      auth: mockServices.auth(),
      fallback: catalogOwners,
      logger: mockServices.logger.mock(),
    });
    return { resolver, asked };
  }

  it('reads owner status from the ownership checks, as the plugin’s own service principal', async () => {
    const { resolver, asked } = resolverWith({
      'component:default/ok': {
        'ownership.owner-exists': 'pass',
        'ownership.owner-is-group': 'pass',
        'ownership.owner-has-members': 'pass',
      },
      'component:default/understaffed': {
        'ownership.owner-exists': 'pass',
        'ownership.owner-is-group': 'pass',
        // An exemption does not make the team active.
        'ownership.owner-has-members': 'exempt',
      },
      'component:default/ghost': {
        'ownership.owner-exists': 'fail',
        'ownership.owner-is-group': 'not-applicable',
        'ownership.owner-has-members': 'not-applicable',
      },
    });
    const statuses = await resolver.resolve([
      component('ok', 'team-a'),
      component('understaffed', 'team-a'),
      component('ghost', 'team-gone'),
    ]);
    expect(Object.fromEntries(statuses)).toEqual({
      'component:default/ok': {
        ownerExists: true,
        ownerIsActiveTeam: true,
        source: 'compliance',
      },
      'component:default/understaffed': {
        ownerExists: true,
        ownerIsActiveTeam: false,
        source: 'compliance',
      },
      'component:default/ghost': {
        ownerExists: false,
        ownerIsActiveTeam: false,
        source: 'compliance',
      },
    });
    expect(asked.every(a => (a.principal as any).type === 'service')).toBe(
      true,
    );
  });

  it('asks the catalog for entities compliance has not evaluated or cannot settle', async () => {
    const { resolver } = resolverWith({
      'component:default/unknown': new NotFoundError('not evaluated'),
      'component:default/errored': {
        'ownership.owner-exists': 'pass',
        'ownership.owner-is-group': 'error',
        'ownership.owner-has-members': 'pass',
      },
    });
    const statuses = await resolver.resolve([
      component('unknown', 'team-a'),
      component('errored', 'team-empty'),
    ]);
    expect(Object.fromEntries(statuses)).toEqual({
      'component:default/unknown': {
        ownerExists: true,
        ownerIsActiveTeam: true,
        source: 'catalog',
      },
      'component:default/errored': {
        ownerExists: true,
        ownerIsActiveTeam: false,
        source: 'catalog',
      },
    });
  });
});
