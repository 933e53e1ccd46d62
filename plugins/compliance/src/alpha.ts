/**
 * Runway's ownership compliance UI for apps on the new frontend system: the default export
 * is the plugin.
 *
 * @packageDocumentation
 */
export { default } from './alpha/plugin';
