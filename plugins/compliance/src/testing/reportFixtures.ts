import type {
  EntityComplianceList,
  LevelTrend,
  OrgTreeNode,
} from '@runway/plugin-compliance-common';

/**
 * An organisation of one root group with two teams, one with a sub-team.
 *
 * @internal
 */
export function orgTree(): OrgTreeNode[] {
  return [
    {
      groupRef: 'group:default/acme',
      title: 'ACME',
      percentCompliant: 60,
      entityCount: 5,
      compliantCount: 3,
      children: [
        {
          groupRef: 'group:default/team-payments',
          title: 'Payments',
          percentCompliant: 75,
          entityCount: 4,
          compliantCount: 3,
          children: [
            {
              groupRef: 'group:default/team-payments-eu',
              title: 'Payments EU',
              percentCompliant: 50,
              entityCount: 2,
              compliantCount: 1,
              children: [],
            },
          ],
        },
        {
          groupRef: 'group:default/team-billing',
          title: 'Billing',
          percentCompliant: 0,
          entityCount: 1,
          compliantCount: 0,
          children: [],
        },
      ],
    },
  ];
}

/**
 * A page of two entities out of 60.
 *
 * @internal
 */
export function entityComplianceList(
  overrides: Partial<EntityComplianceList> = {},
): EntityComplianceList {
  return {
    items: [
      {
        entityRef: 'component:default/legacy-invoicing',
        ownerRef: 'group:default/team-billing',
        level: null,
        statuses: {
          'ownership.owner-exists': 'fail',
          'ownership.owner-has-members': 'error',
        },
      },
      {
        entityRef: 'component:default/payments-api',
        ownerRef: 'group:default/team-payments',
        level: 'bronze',
        statuses: {
          'ownership.owner-exists': 'pass',
          'ownership.owner-has-members': 'exempt',
        },
      },
    ],
    totalItems: 60,
    ...overrides,
  };
}

/**
 * Three days in which one entity went from no level to bronze to silver.
 *
 * @internal
 */
export function levelTrend(): LevelTrend {
  return {
    points: [
      { date: '2026-11-18', levels: { bronze: 2, silver: 1, none: 2 } },
      { date: '2026-11-19', levels: { bronze: 3, silver: 1, none: 1 } },
      { date: '2026-11-20', levels: { bronze: 2, silver: 2, none: 1 } },
    ],
  };
}
