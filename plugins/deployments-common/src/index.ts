/**
 * Permissions, run states, DORA definitions and the HTTP client of Runway's deployments
 * plugin, shared by the backend, the frontend and other plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './runStatuses';
export * from './dora';
export * from './permissions';
export * from './DeploymentsClient';
export type * from './schema/openapi';
