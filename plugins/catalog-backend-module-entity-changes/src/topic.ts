/**
 * The events-service topic on which the catalog announces that an entity's content changed.
 *
 * @public
 */
export const ENTITY_CHANGED_TOPIC = 'runway.catalog.entity-changed';

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
};
