import { AuthenticationError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';

/**
 * The request header in which the sign-in page names the picked user.
 *
 * @public
 */
export const LOCAL_USER_HEADER = 'x-runway-local-user';

/**
 * What the authenticator reads from a sign-in request: the picked user's name, which the
 * profile and the sign-in resolver look up as a catalog User.
 *
 * @public
 */
export type LocalUserPickerResult = { userName: string };

/**
 * Accepts a user name from {@link LOCAL_USER_HEADER} when it is one of `allowedUsers`.
 * Any other name is refused, so the picker cannot be used to sign in as an arbitrary
 * catalog user.
 *
 * @public
 */
export const createLocalUserPickerAuthenticator = (allowedUsers: string[]) =>
  createProxyAuthenticator({
    defaultProfileTransform: async (result: LocalUserPickerResult, ctx) => {
      const { entity } = await ctx.findCatalogUser({
        entityRef: { kind: 'User', name: result.userName },
      });
      const profile = (entity.spec?.profile ?? {}) as {
        displayName?: string;
        email?: string;
        picture?: string;
      };
      return {
        profile: {
          displayName: profile.displayName ?? result.userName,
          email: profile.email,
          picture: profile.picture,
        },
      };
    },
    // The provider's config is read per auth environment by the module, not here.
    initialize() {
      return { users: new Set(allowedUsers) };
    },
    async authenticate({ req }, { users }) {
      const userName = req.header(LOCAL_USER_HEADER);
      if (!userName) {
        throw new AuthenticationError(
          `Pick a demo user: send one of ${[...users].join(
            ', ',
          )} in ${LOCAL_USER_HEADER}`,
        );
      }
      if (!users.has(userName)) {
        throw new AuthenticationError(
          `'${userName}' is not one of the demo users (${[...users].join(
            ', ',
          )})`,
        );
      }
      return { result: { userName } };
    },
  });
