/**
 * Runway's deployments backend plugin: versions, imported history, runs, DORA metrics and
 * a hash-chained audit trail.
 *
 * @packageDocumentation
 */
export { deploymentsPlugin as default } from './plugin';
