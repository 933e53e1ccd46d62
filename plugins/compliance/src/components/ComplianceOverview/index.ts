export { ComplianceOverview } from './ComplianceOverview';
