export { createDeclarativeCheck } from './createDeclarativeCheck';
export { InvalidCheckDefinitionError } from './InvalidCheckDefinitionError';
export { readDeclarativeChecks } from './readDeclarativeChecks';
export {
  CHECK_ID_PATTERN,
  validateDeclarativeCheck,
} from './validateDeclarativeCheck';
