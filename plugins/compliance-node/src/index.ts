/**
 * Extension points of Runway's ownership compliance backend.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './extensions';
