/**
 * A catalog backend module that announces entity changes on the events service, so that
 * other plugins react to catalog changes instead of polling the catalog.
 *
 * @packageDocumentation
 */
export { catalogModuleEntityChanges as default } from './module';
export {
  ENTITY_CHANGED_TOPIC,
  type EntityChangedEventPayload,
  type EntitySpecReference,
} from './topic';
