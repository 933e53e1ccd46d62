import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';

/**
 * What the Runway permission policy reads from `permission.runwayPolicy`.
 *
 * @public
 */
export interface RunwayPolicyConfig {
  /** Admin groups as full, lower-case entity refs (`group:default/team-platform`). */
  adminGroups: string[];
}

const ADMIN_GROUPS_KEY = 'permission.runwayPolicy.adminGroups';

/**
 * Reads `permission.runwayPolicy`. A value that is not a group ref stops the backend at
 * start, naming the entry: a typo must not silently leave the platform team without rights,
 * nor turn a user into an "admin group".
 *
 * @public
 */
export function readRunwayPolicyConfig(config: Config): RunwayPolicyConfig {
  const values = config.getOptionalStringArray(ADMIN_GROUPS_KEY) ?? [];
  const adminGroups = values.map((value, index) => {
    let ref;
    try {
      ref = parseEntityRef(value.trim(), {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
    } catch {
      throw new Error(
        `${ADMIN_GROUPS_KEY}[${index}] is not an entity ref: '${value}'`,
      );
    }
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new Error(
        `${ADMIN_GROUPS_KEY}[${index}] must be a group, got '${value}'`,
      );
    }
    // The catalog compares entity refs case-insensitively; so does the policy.
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  });
  return { adminGroups };
}
