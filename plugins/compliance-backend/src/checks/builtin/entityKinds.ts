import type { Entity } from '@backstage/catalog-model';

/**
 * The kinds whose `spec.owner` is required by the Backstage model. Groups, Users and
 * Locations are not owned, so ownership checks do not apply to them.
 *
 * @internal
 */
export const KINDS_WITH_OWNER: readonly string[] = [
  'Component',
  'API',
  'Resource',
  'System',
  'Domain',
  'Template',
];

/** Whether the entity's kind is one of `kinds`; kinds compare case-insensitively. @internal */
export function isOneOfKinds(
  entity: Entity,
  kinds: readonly string[],
): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return kinds.some(k => k.toLocaleLowerCase('en-US') === kind);
}

/**
 * The not-applicable message for an entity of another kind, naming both.
 *
 * @internal
 */
export function kindNotCoveredMessage(
  entity: Entity,
  kinds: readonly string[],
): string {
  return `Kind ${entity.kind} is not checked; the check applies to ${kinds.join(
    ', ',
  )}`;
}
