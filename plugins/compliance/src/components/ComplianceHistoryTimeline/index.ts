export { ComplianceHistoryTimeline } from './ComplianceHistoryTimeline';
