export { ComplianceSummary } from './ComplianceSummary';
