/**
 * Background builds of every entity's TechDocs.
 *
 * @packageDocumentation
 */
export { techdocsModulePrebuild as default } from './module';
export {
  TECHDOCS_PUBLISHED_TOPIC,
  type TechDocsPublishedEventPayload,
} from './topic';
