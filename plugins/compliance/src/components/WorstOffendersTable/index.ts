export { WorstOffendersTable } from './WorstOffendersTable';
