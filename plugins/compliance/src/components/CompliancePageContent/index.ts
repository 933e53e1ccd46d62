export { CompliancePageContent } from './CompliancePageContent';
