/**
 * Runway's ownership compliance backend plugin.
 *
 * @packageDocumentation
 */
export { compliancePlugin as default } from './plugin';
