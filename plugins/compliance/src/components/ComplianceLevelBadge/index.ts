export { ComplianceLevelBadge } from './ComplianceLevelBadge';
