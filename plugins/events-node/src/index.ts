/**
 * The events that Runway's backend plugins and modules publish on the events service: each
 * topic's name and the type of its payload. Publishers and subscribers both import them from
 * here, so a subscriber needs neither the publishing module nor its dependencies.
 *
 * @packageDocumentation
 */
export {
  ENTITY_CHANGED_TOPIC,
  isEntityChangedEventPayload,
  type EntityChangedEventPayload,
  type EntitySpecReference,
} from './catalogEntityChanged';
export {
  TECHDOCS_PUBLISHED_TOPIC,
  type TechDocsPublishedEventPayload,
} from './techdocsPublished';
