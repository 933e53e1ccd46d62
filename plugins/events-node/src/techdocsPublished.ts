/**
 * The events topic on which the TechDocs prebuild
 * (`@runway/plugin-techdocs-backend-module-prebuild`) announces that it built and published
 * an entity's TechDocs: checks that depend on published docs (Runway compliance's
 * `docs.techdocs-present`) re-evaluate the entity instead of waiting for their next sweep.
 *
 * @public
 */
export const TECHDOCS_PUBLISHED_TOPIC = 'runway.techdocs.published';

/**
 * The payload of {@link TECHDOCS_PUBLISHED_TOPIC}.
 *
 * @public
 */
export type TechDocsPublishedEventPayload = {
  /** The entity whose docs were published, e.g. `component:default/payments-api`. */
  entityRef: string;
  /** The entity's kind, as in the catalog. */
  kind: string;
  /** ISO 8601. */
  publishedAt: string;
};
