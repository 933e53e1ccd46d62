/**
 * Background builds of every entity's TechDocs. The topic announcing each publication and
 * its payload type are in `@runway/events-node`.
 *
 * @packageDocumentation
 */
export { techdocsModulePrebuild as default } from './module';
