/**
 * Local-development sign-in for Runway: pick one of the configured demo users.
 *
 * @packageDocumentation
 */
export { authModuleLocalUserPickerProvider as default } from './module';
export { LOCAL_USER_PICKER_PROVIDER_ID } from './module';
export {
  createLocalUserPickerAuthenticator,
  LOCAL_USER_HEADER,
  type LocalUserPickerResult,
} from './authenticator';
