import type { UserInfoService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogIngestionManagePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
  type Permission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  complianceCampaignManagePermission,
  complianceEvaluatePermission,
  complianceExemptionApprovePermission,
  complianceExemptionCreatePermission,
  compliancePermissions,
  complianceResultPushPermission,
} from '@runway/plugin-compliance-common';
import {
  deploymentsApprovalCreatePermission,
  deploymentsHistoryImportPermission,
  deploymentsPermissions,
  deploymentsRunCancelPermission,
  deploymentsRunCreatePermission,
  deploymentsVersionCreatePermission,
} from '@runway/plugin-deployments-common';
import { RunwayPermissionPolicy } from './RunwayPermissionPolicy';

/** What the sign-in resolver puts in each demo user's token: the user and their groups. */
const OWNERSHIP: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/team-payments'],
  'user:default/priya': ['user:default/priya', 'group:default/team-platform'],
  // Refs in a token need not be lower case; the catalog ignores case, so must the policy.
  'user:default/noah': ['user:default/noah', 'group:default/Team-Platform'],
  'user:default/zoe': ['user:default/zoe'],
};

const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const userEntityRef = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return { userEntityRef, ownershipEntityRefs: OWNERSHIP[userEntityRef] };
  },
};

function signedIn(userEntityRef: string): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(userEntityRef),
    // Deprecated and deliberately wrong: the policy must ask the user info service.
    info: { userEntityRef, ownershipEntityRefs: [] },
  };
}

const policy = new RunwayPermissionPolicy({
  adminGroups: ['group:default/team-platform'],
  userInfo,
});
const decide = (permission: Permission, user?: PolicyQueryUser) =>
  policy.handle({ permission }, user);

const alice = signedIn('user:default/alice');
const priya = signedIn('user:default/priya');

// A plugin's write without an action, such as scaffolder.task.cancel.
const noActionPermission = createPermission({
  name: 'scaffolder.task.cancel',
  attributes: {},
  resourceType: 'scaffolder-task',
});
const scaffolderTaskCreatePermission = createPermission({
  name: 'scaffolder.task.create',
  attributes: { action: 'create' },
});

// A team deploys, cancels, approves, registers versions and imports history for its own
// components only.
const DEPLOYMENTS_OWNERS_ONLY = [
  deploymentsRunCreatePermission,
  deploymentsRunCancelPermission,
  deploymentsApprovalCreatePermission,
  deploymentsHistoryImportPermission,
  deploymentsVersionCreatePermission,
];
const OWNERS_ONLY = [
  ...DEPLOYMENTS_OWNERS_ONLY,
  complianceExemptionCreatePermission,
  complianceExemptionApprovePermission,
  complianceEvaluatePermission,
  catalogEntityDeletePermission,
  catalogEntityRefreshPermission,
];
const ADMINS_ONLY = [
  complianceCampaignManagePermission,
  complianceResultPushPermission,
  catalogLocationDeletePermission,
  catalogIngestionManagePermission,
];
const SELF_SERVICE = [
  catalogEntityCreatePermission,
  catalogLocationCreatePermission,
  scaffolderTaskCreatePermission,
  noActionPermission,
];
const EVERYTHING = [
  catalogEntityReadPermission,
  ...compliancePermissions,
  ...deploymentsPermissions,
  ...OWNERS_ONLY,
  ...ADMINS_ONLY,
  ...SELF_SERVICE,
];

describe('RunwayPermissionPolicy', () => {
  it.each([
    ['anyone', undefined],
    ['alice', alice],
  ])('lets %s read', async (_, user) => {
    await expect(decide(catalogEntityReadPermission, user)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets alice request an exemption only for what she or her team owns', async () => {
    await expect(
      decide(complianceExemptionCreatePermission, alice),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/alice', 'group:default/team-payments'],
        },
      },
    });
  });

  it.each(OWNERS_ONLY.map(p => [p.name, p]))(
    'limits %s to the owners of the entity',
    async (_, permission) => {
      const decision = await decide(permission, alice);
      expect(decision).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        conditions: { rule: 'IS_ENTITY_OWNER' },
      });
    },
  );

  it('covers every deployments permission with the owners rule', () => {
    expect(DEPLOYMENTS_OWNERS_ONLY.map(p => p.name).sort()).toEqual(
      deploymentsPermissions.map(p => p.name).sort(),
    );
  });

  it.each(DEPLOYMENTS_OWNERS_ONLY.map(p => [p.name, p]))(
    'lets a team use %s on what it owns, as a condition the catalog resolves',
    async (_, permission) => {
      await expect(decide(permission, alice)).resolves.toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: ['user:default/alice', 'group:default/team-payments'],
          },
        },
      });
    },
  );

  it.each([
    ['priya', priya],
    [
      'a member whose token spells the admin group in another case',
      signedIn('user:default/noah'),
    ],
  ])('allows %s everything', async (_, user) => {
    for (const permission of EVERYTHING) {
      await expect(decide(permission, user)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it.each(ADMINS_ONLY.map(p => [p.name, p]))(
    'denies %s to someone who is not an admin',
    async (_, permission) => {
      await expect(decide(permission, alice)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    },
  );

  it.each(SELF_SERVICE.map(p => [p.name, p]))(
    'allows %s to any signed-in user (self-service)',
    async (_, permission) => {
      await expect(
        decide(permission, signedIn('user:default/zoe')),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    },
  );

  it('denies every write to a caller who is not signed in', async () => {
    for (const permission of EVERYTHING.filter(
      p => p.attributes.action !== 'read',
    )) {
      await expect(decide(permission, undefined)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('makes nobody an admin without configured admin groups', async () => {
    const withoutAdmins = new RunwayPermissionPolicy({
      adminGroups: [],
      userInfo,
    });
    await expect(
      withoutAdmins.handle(
        { permission: complianceCampaignManagePermission },
        priya,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      withoutAdmins.handle({ permission: complianceEvaluatePermission }, priya),
    ).resolves.toMatchObject({ result: AuthorizeResult.CONDITIONAL });
  });

  it('treats a permission without an action as a write, not a read', async () => {
    expect(catalogEntityValidatePermission.attributes.action).toBeUndefined();
    await expect(
      decide(catalogEntityValidatePermission, undefined),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
