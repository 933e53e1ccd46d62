import type { Entity } from '@backstage/catalog-model';

/**
 * A deterministic organisation of 10,000 catalog entities with a known number of ownership
 * defects, for the compliance benchmark.
 */
export type GeneratedOrg = {
  entities: Entity[];
  /** Failures each check must report for the planted defects. */
  expectedFailures: Record<string, number>;
  componentRefs: string[];
};

const DEPARTMENTS = 10;
const TEAMS = 200;
const EMPTY_TEAMS = 10;
const USERS_PER_TEAM = 8;
const TOTAL = 10_000;

export const DEFECTS = {
  missingOwner: 160,
  userOwner: 80,
  emptyTeamOwner: 80,
  noSystem: 160,
  badLifecycle: 80,
};

export function generateOrg(): GeneratedOrg {
  const entities: Entity[] = [];
  const meta = (name: string) => ({ name, namespace: 'default' });
  const groupEntity = (
    name: string,
    type: string,
    parent?: string,
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: meta(name),
    spec: { type, children: [], ...(parent ? { parent } : {}) },
  });

  entities.push(groupEntity('org', 'organization'));
  for (let d = 0; d < DEPARTMENTS; d++) {
    entities.push(groupEntity(`dept-${d}`, 'department', 'org'));
  }
  const teams: Array<{ name: string; dept: string; empty: boolean }> = [];
  for (let t = 0; t < TEAMS; t++) {
    const team = {
      name: `team-${t}`,
      dept: `dept-${t % DEPARTMENTS}`,
      empty: t < EMPTY_TEAMS,
    };
    teams.push(team);
    entities.push(groupEntity(team.name, 'team', team.dept));
  }
  let users = 0;
  for (const team of teams.filter(t => !t.empty)) {
    for (let u = 0; u < USERS_PER_TEAM; u++) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: meta(`user-${users}`),
        spec: { memberOf: [team.name] },
      });
      users += 1;
    }
  }
  // Systems: one per team; an empty team's system is owned by its department.
  for (const team of teams) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: meta(`system-${team.name}`),
      spec: { owner: team.empty ? team.dept : team.name },
    });
  }

  const componentCount = TOTAL - entities.length;
  const componentRefs: string[] = [];
  const staffed = teams.filter(t => !t.empty);
  let i = 0;
  const take = (n: number) => {
    const start = i;
    i += n;
    return (index: number) => index >= start && index < start + n;
  };
  const isMissingOwner = take(DEFECTS.missingOwner);
  const isUserOwner = take(DEFECTS.userOwner);
  const isEmptyTeamOwner = take(DEFECTS.emptyTeamOwner);
  const isNoSystem = take(DEFECTS.noSystem);
  const isBadLifecycle = take(DEFECTS.badLifecycle);

  for (let c = 0; c < componentCount; c++) {
    const home = staffed[c % staffed.length];
    let owner = home.name;
    let system: string | undefined = `system-${home.name}`;
    if (isMissingOwner(c)) owner = `team-gone-${c}`;
    if (isUserOwner(c)) owner = `user:user-${c % users}`;
    if (isEmptyTeamOwner(c)) {
      const empty = teams[c % EMPTY_TEAMS];
      owner = empty.name;
      system = `system-${empty.name}`;
    }
    if (isNoSystem(c)) system = undefined;
    const name = `component-${c}`;
    componentRefs.push(`component:default/${name}`);
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: meta(name),
      spec: {
        type: 'service',
        lifecycle: isBadLifecycle(c) ? 'someday' : 'production',
        owner,
        ...(system ? { system } : {}),
      },
    });
  }

  return {
    entities,
    componentRefs,
    expectedFailures: {
      'ownership.owner-exists': DEFECTS.missingOwner,
      'ownership.owner-is-group': DEFECTS.userOwner,
      'ownership.owner-has-members': DEFECTS.emptyTeamOwner,
      // A missing owner or a user owner cannot be the system's owner or below it.
      'ownership.system-assigned':
        DEFECTS.noSystem + DEFECTS.missingOwner + DEFECTS.userOwner,
      'metadata.lifecycle-valid': DEFECTS.badLifecycle,
    },
  };
}
