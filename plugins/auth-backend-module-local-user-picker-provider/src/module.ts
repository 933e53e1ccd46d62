import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  LocalUserPickerResult,
  createLocalUserPickerAuthenticator,
} from './authenticator';

/**
 * The provider id: its routes are /api/auth/localUserPicker/*, and its config is under
 * `auth.providers.localUserPicker`.
 *
 * @public
 */
export const LOCAL_USER_PICKER_PROVIDER_ID = 'localUserPicker';

/**
 * Lets a person sign in locally as one of a few configured demo users, so that
 * features that need two people (four-eyes approvals) can be tried on one machine.
 *
 * Configured per auth environment, like Backstage's other providers:
 * `auth.providers.localUserPicker.development.users`. It is active only in an environment
 * that has such config, and it refuses to start at all when NODE_ENV=production, because
 * anyone who can reach the sign-in page could then pick any of those identities.
 *
 * @public
 */
export const authModuleLocalUserPickerProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'local-user-picker-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        providers: authProvidersExtensionPoint,
      },
      async init({ config, logger, providers }) {
        const authEnvironment =
          config.getOptionalString('auth.environment') ?? 'development';
        const pickerConfig = config.getOptionalConfig(
          `auth.providers.${LOCAL_USER_PICKER_PROVIDER_ID}.${authEnvironment}`,
        );
        if (!pickerConfig) {
          logger.info(
            `Local user picker is off: no auth.providers.${LOCAL_USER_PICKER_PROVIDER_ID}.${authEnvironment} config`,
          );
          return;
        }
        const users = pickerConfig.getStringArray('users');
        if (process.env.NODE_ENV === 'production') {
          throw new Error(
            `The local user picker lets anyone sign in as ${users.join(
              ', ',
            )} ` +
              `and is for local development only; ` +
              `remove auth.providers.${LOCAL_USER_PICKER_PROVIDER_ID} from the config when NODE_ENV=production`,
          );
        }
        providers.registerProvider({
          providerId: LOCAL_USER_PICKER_PROVIDER_ID,
          factory: createProxyAuthProviderFactory<LocalUserPickerResult>({
            authenticator: createLocalUserPickerAuthenticator(users),
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({
                entityRef: { kind: 'User', name: result.userName },
              });
            },
          }),
        });
      },
    });
  },
});
