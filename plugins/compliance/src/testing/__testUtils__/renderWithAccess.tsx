import type { ReactElement, ReactNode } from 'react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

type TestAppOptions = NonNullable<Parameters<typeof renderInTestApp>[1]>;

/**
 * Who is signed in, what they may do and how the app is configured.
 *
 * @internal
 */
export type TestAppAccess = {
  /** The signed-in user. Default `user:default/bob`, who requested nothing in the fixtures. */
  userEntityRef?: string;
  /** Names of the permissions the user lacks; every other permission is allowed. */
  denied?: string[];
  /** App config besides the base URLs, e.g. `{ compliance: { exemptions: { maxDays: 30 } } }`. */
  config?: NonNullable<TestAppOptions['config']>;
};

// usePermission keeps its answers in SWR's cache, which is global and so shared by every
// test in a file: one test's "allowed" would be another's answer. A cache per render keeps
// them apart. SWR is the cache of @backstage/plugin-permission-react, hence requireActual.
const { SWRConfig } = jest.requireActual('swr');

/**
 * A permission cache of its own for the elements below it.
 *
 * @internal
 */
export function FreshPermissionCache(props: { children: ReactNode }) {
  return (
    <SWRConfig value={{ provider: () => new Map() }}>
      {props.children}
    </SWRConfig>
  );
}

/**
 * `renderInTestApp` for a signed-in user with the given permissions and config: the
 * identity, permission and config APIs the compliance UI reads.
 *
 * @internal
 */
export function renderWithAccess(
  element: ReactElement,
  access: TestAppAccess = {},
  options: Pick<TestAppOptions, 'mountedRoutes'> = {},
) {
  const {
    userEntityRef = 'user:default/bob',
    denied = [],
    config = {},
  } = access;
  return renderInTestApp(
    <FreshPermissionCache>{element}</FreshPermissionCache>,
    {
      ...options,
      apis: [
        mockApis.identity({ userEntityRef }),
        mockApis.permission({
          authorize: request =>
            denied.includes(request.permission.name)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }),
      ],
      config: {
        app: { baseUrl: 'http://localhost:3000' },
        backend: { baseUrl: 'http://localhost:7007' },
        ...config,
      },
    },
  );
}
