export { CheckStatusCountsTable } from './CheckStatusCountsTable';
