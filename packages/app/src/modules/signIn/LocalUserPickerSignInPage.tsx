import { startTransition, useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { IdentityApi } from '@backstage/core-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';

/** Must match the provider id and header of the backend's local-user-picker module. */
export const LOCAL_USER_PICKER_PROVIDER_ID = 'localUserPicker';
export const LOCAL_USER_HEADER = 'x-runway-local-user';
/** The picked user is remembered so that a page reload keeps the same person signed in. */
export const PICKED_USER_STORAGE_KEY = 'runway.localUserPicker.user';

function readPickedUser(): string | undefined {
  return window.localStorage.getItem(PICKED_USER_STORAGE_KEY) ?? undefined;
}

/** Forgets the picked user on sign-out; otherwise the next page load signs them in again. */
function forgetPickedUserOnSignOut(identityApi: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identityApi.getProfileInfo(),
    getBackstageIdentity: () => identityApi.getBackstageIdentity(),
    getCredentials: () => identityApi.getCredentials(),
    signOut: async () => {
      window.localStorage.removeItem(PICKED_USER_STORAGE_KEY);
      await identityApi.signOut();
    },
  };
}

/**
 * Local development sign-in: pick one of the demo users configured for the current auth
 * environment (`auth.providers.localUserPicker.<environment>.users`). The backend checks
 * the pick again and refuses names that are not in its list.
 */
export function LocalUserPickerSignInPage(props: SignInPageProps) {
  const configApi = useApi(configApiRef);
  const environment =
    configApi.getOptionalString('auth.environment') ?? 'development';
  const users =
    configApi.getOptionalStringArray(
      `auth.providers.${LOCAL_USER_PICKER_PROVIDER_ID}.${environment}.users`,
    ) ?? [];
  const [picked, setPicked] = useState(readPickedUser);

  const pick = (user: string | undefined) => {
    if (user) {
      window.localStorage.setItem(PICKED_USER_STORAGE_KEY, user);
    } else {
      window.localStorage.removeItem(PICKED_USER_STORAGE_KEY);
    }
    // The proxied sign-in page that follows is lazy-loaded and suspends.
    startTransition(() => setPicked(user));
  };

  if (picked && users.includes(picked)) {
    return (
      <ProxiedSignInPage
        {...props}
        onSignInSuccess={identityApi =>
          props.onSignInSuccess(forgetPickedUserOnSignOut(identityApi))
        }
        provider={LOCAL_USER_PICKER_PROVIDER_ID}
        headers={{ [LOCAL_USER_HEADER]: picked }}
        ErrorComponent={({ error }) => (
          <Page themeId="home">
            <Content>
              <InfoCard title={`Could not sign in as ${picked}`}>
                <Typography paragraph>{error?.message}</Typography>
                <Button variant="contained" onClick={() => pick(undefined)}>
                  Pick another user
                </Button>
              </InfoCard>
            </Content>
          </Page>
        )}
      />
    );
  }

  return (
    <Page themeId="home">
      <Header
        title={configApi.getOptionalString('app.title') ?? 'Runway'}
        subtitle="Local development sign-in"
      />
      <Content>
        <InfoCard title="Sign in as a demo user">
          {users.length === 0 ? (
            <Typography>
              No demo users are configured for the auth environment "
              {environment}".
            </Typography>
          ) : (
            <List aria-label="demo users">
              {users.map(user => (
                <ListItem key={user} button onClick={() => pick(user)}>
                  <ListItemText
                    primary={`Sign in as ${user}`}
                    secondary={`user:default/${user}`}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </InfoCard>
      </Content>
    </Page>
  );
}
