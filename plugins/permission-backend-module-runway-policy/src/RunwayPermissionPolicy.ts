import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogIngestionManagePermission,
  catalogLocationDeletePermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  type Permission,
  type PolicyDecision,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  complianceCampaignManagePermission,
  complianceResultPushPermission,
} from '@runway/plugin-compliance-common';
import type { RunwayPolicyConfig } from './readRunwayPolicyConfig';

/**
 * Permissions only admins get, by name. They act on the whole organisation rather than on
 * one entity, so there is no owner to ask. One line per permission.
 *
 * @public
 */
export const ADMIN_ONLY_PERMISSIONS: ReadonlyArray<string> = [
  // A campaign sets targets for every team.
  complianceCampaignManagePermission.name,
  // Results are pushed by CI with service credentials, which the policy never sees (the
  // permissions service decides for those by the token's access restrictions); a person
  // pushing a result by hand is an exception for the platform team.
  complianceResultPushPermission.name,
  // Unregistering a location removes every entity it brought in, whoever owns them.
  catalogLocationDeletePermission.name,
  // Managing an entity provider's ingestion affects every team's entities.
  catalogIngestionManagePermission.name,
];

/**
 * Whether only the owners of a catalog entity (and admins) may use a permission on it:
 * every catalog-entity resource permission that is not a read, from any plugin. Compliance
 * exemptions and evaluations, catalog deletes and refreshes, and later deployments need no
 * line of their own as long as they are resource permissions on catalog entities.
 *
 * @public
 */
export function isOwnersOnlyPermission(
  permission: Permission,
): permission is ResourcePermission<typeof RESOURCE_TYPE_CATALOG_ENTITY> {
  return (
    isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY) &&
    permission.attributes.action !== 'read'
  );
}

/**
 * Runway's permission policy, in order:
 *
 * 1. everyone reads: a permission whose action is `read` is allowed, even without a user;
 * 2. without a user (no sign-in), nothing else is allowed;
 * 3. members of an admin group may do everything;
 * 4. {@link ADMIN_ONLY_PERMISSIONS} are denied to everyone else;
 * 5. {@link isOwnersOnlyPermission}: allowed on the entities that one of the user's
 *    ownership refs (the user and their groups) owns, as a condition the catalog resolves;
 * 6. anything else (registering components, running templates, …) is self-service: allowed
 *    for any signed-in user.
 *
 * @public
 */
export class RunwayPermissionPolicy implements PermissionPolicy {
  readonly #adminGroups: ReadonlySet<string>;
  readonly #userInfo: UserInfoService;

  constructor(options: RunwayPolicyConfig & { userInfo: UserInfoService }) {
    this.#adminGroups = new Set(options.adminGroups);
    this.#userInfo = options.userInfo;
  }

  /** Decides one permission request for the user (absent for an anonymous caller). */
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }

    const { ownershipEntityRefs } = await this.#userInfo.getUserInfo(
      user.credentials,
    );
    if (this.#isAdmin(ownershipEntityRefs)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (ADMIN_ONLY_PERMISSIONS.includes(permission.name)) {
      return { result: AuthorizeResult.DENY };
    }
    if (isOwnersOnlyPermission(permission)) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }

  #isAdmin(ownershipEntityRefs: string[]): boolean {
    return ownershipEntityRefs.some(ref =>
      this.#adminGroups.has(ref.toLocaleLowerCase('en-US')),
    );
  }
}
