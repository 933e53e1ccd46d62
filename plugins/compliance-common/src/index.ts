/**
 * Types, permissions and the HTTP client of Runway's ownership compliance plugin.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './campaigns';
export * from './reports';
export * from './orgTree';
export * from './permissions';
export * from './ComplianceClient';
export type * from './schema/openapi';
