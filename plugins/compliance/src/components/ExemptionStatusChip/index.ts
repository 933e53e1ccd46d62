export { ExemptionStatusChip } from './ExemptionStatusChip';
