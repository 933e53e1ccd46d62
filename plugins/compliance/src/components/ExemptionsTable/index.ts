export { ExemptionsTable } from './ExemptionsTable';
