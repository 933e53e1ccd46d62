export { ComplianceReports } from './ComplianceReports';
