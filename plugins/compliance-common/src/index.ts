/**
 * Types, permissions and the HTTP client of Runway's ownership compliance plugin.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './campaigns';
export * from './reports';
export * from './permissions';
export * from './ComplianceClient';
