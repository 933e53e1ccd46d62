/**
 * The events-service topic on which the catalog announces that an entity's content changed.
 * `@runway/plugin-catalog-backend-module-entity-changes` publishes it; a backend without
 * that module installed never sees an event on it.
 *
 * @public
 */
export const ENTITY_CHANGED_TOPIC = 'runway.catalog.entity-changed';

/**
 * A reference from an entity's spec to another entity, e.g. `spec.owner` as
 * `{ type: 'ownedBy', targetRef: 'group:default/team-a' }`. `type` is the relation the
 * catalog's builtin processor makes of the field; `targetRef` is the full, lower-case ref.
 *
 * @public
 */
export type EntitySpecReference = {
  type: string;
  targetRef: string;
};

/**
 * The payload of an {@link ENTITY_CHANGED_TOPIC} event.
 *
 * The catalog forgets a processor's cache now and then, so the same content can be announced
 * again: compare `hash` with the last one handled to skip repeats.
 *
 * @public
 */
export type EntityChangedEventPayload = {
  /** The entity's ref as `stringifyEntityRef` writes it, e.g. `component:default/checkout`. */
  entityRef: string;
  /** The entity's kind as written in the entity, e.g. `Component`. */
  kind: string;
  /** A hash of the entity's kind, metadata (less uid, etag, generation) and spec. */
  hash: string;
  /**
   * What the entity's spec references now (owner, system, domain, parent, members, …),
   * sorted. Optional only because publishers before it did not send it.
   */
  references?: EntitySpecReference[];
  /**
   * What the spec referenced when the entity was last announced, so that subscribers can
   * reach former relations too (a group's former parent, a user's former groups). Absent
   * for an entity seen for the first time, and when the catalog has forgotten the
   * processor's cache: then the former relations are unknown, not empty.
   */
  previousReferences?: EntitySpecReference[];
};

/**
 * Whether an event's payload is a well-formed {@link EntityChangedEventPayload} (its
 * required fields present), for subscribers, which receive `unknown` from the events service.
 *
 * @public
 */
export function isEntityChangedEventPayload(
  value: unknown,
): value is EntityChangedEventPayload {
  const payload = value as Partial<EntityChangedEventPayload> | undefined;
  return (
    typeof payload?.entityRef === 'string' &&
    typeof payload.kind === 'string' &&
    typeof payload.hash === 'string'
  );
}
