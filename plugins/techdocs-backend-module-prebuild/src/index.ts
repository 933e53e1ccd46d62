/**
 * Background builds of every entity's TechDocs.
 *
 * @packageDocumentation
 */
export { techdocsModulePrebuild as default } from './module';
