/**
 * A catalog backend module that announces entity changes on the events service, so that
 * other plugins react to catalog changes instead of polling the catalog. The topic and its
 * payload type are in `@runway/events-node`, for subscribers to import without this module.
 *
 * @packageDocumentation
 */
export { catalogModuleEntityChanges as default } from './module';
