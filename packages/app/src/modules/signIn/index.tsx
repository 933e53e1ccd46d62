import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const localUserPickerSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () =>
      (await import('./LocalUserPickerSignInPage')).LocalUserPickerSignInPage,
  },
});

/** Replaces the app's sign-in page with the local demo-user picker. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [localUserPickerSignInPage],
});
