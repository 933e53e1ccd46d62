export { EntityChecksTable } from './EntityChecksTable';
