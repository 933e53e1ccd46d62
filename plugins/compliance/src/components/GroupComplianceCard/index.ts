export { GroupComplianceCard } from './GroupComplianceCard';
