// Catalog entities for tests, with the relations the catalog would derive from their spec
// (the catalog mock does not derive them). Production code must not import this file.
import type { Entity } from '@backstage/catalog-model';

/** A team in the default namespace, under `parent` when given. @internal */
export function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
    relations: parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : [],
  };
}

/** A user in the default namespace, member of `team`. @internal */
export function user(name: string, team: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [team] },
    relations: [{ type: 'memberOf', targetRef: `group:default/${team}` }],
  };
}

/** A system in the default namespace, owned by the group `owner`. @internal */
export function system(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default' },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

/** A production service owned by the group `owner`, part of `system` when given. @internal */
export function component(
  name: string,
  owner: string,
  systemName?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner,
      ...(systemName ? { system: systemName } : {}),
    },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
      ...(systemName
        ? [{ type: 'partOf', targetRef: `system:default/${systemName}` }]
        : []),
    ],
  };
}
