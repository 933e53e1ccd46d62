export { ReEvaluateButton } from './ReEvaluateButton';
