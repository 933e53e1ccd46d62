// Helpers for the tests that start the plugin in a test backend. Production code must
// not import this file.
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';

/** A team in the default namespace, under `parent` when given. @internal */
export function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  };
}

/** A production service in the default namespace; `spec` adds or overrides fields. @internal */
export function component(name: string, spec: Record<string, unknown>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', ...spec },
  };
}

/** A system in the default namespace, owned by `owner`. @internal */
export function system(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default' },
    spec: { owner },
  };
}

/** A user in the default namespace, member of `team`. @internal */
export function user(name: string, team: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [team] },
  };
}

/**
 * A notification service that sends nothing and pushes every notification to `sent`.
 *
 * @internal
 */
export function notificationServiceFactory(
  sent: NotificationSendOptions[] = [],
) {
  return createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (notification: NotificationSendOptions) =>
        void sent.push(notification),
    }),
  });
}
