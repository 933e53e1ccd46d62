export { NotEvaluatedEmptyState } from './NotEvaluatedEmptyState';
