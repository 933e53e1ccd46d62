export { PercentCompliant } from './PercentCompliant';
