import { act, fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  LocalUserPickerSignInPage,
  PICKED_USER_STORAGE_KEY,
} from './LocalUserPickerSignInPage';

// Rendering and user events take seconds per test while the test command runs every
// package's tests at once on a 2-core machine: more than jest's default 5 s allows.
jest.setTimeout(30_000);

const config = {
  auth: {
    environment: 'development',
    providers: {
      localUserPicker: { development: { users: ['alice', 'bob', 'priya'] } },
    },
  },
};

describe('LocalUserPickerSignInPage', () => {
  beforeEach(() => window.localStorage.clear());

  it('offers each demo user of the current auth environment', async () => {
    await renderInTestApp(
      <LocalUserPickerSignInPage onSignInSuccess={jest.fn()} />,
      { config },
    );

    for (const user of ['alice', 'bob', 'priya']) {
      expect(await screen.findByText(`Sign in as ${user}`)).toBeInTheDocument();
    }
  });

  it('remembers the picked user so a reload keeps them signed in', async () => {
    await renderInTestApp(
      <LocalUserPickerSignInPage onSignInSuccess={jest.fn()} />,
      { config },
    );

    const bob = await screen.findByText('Sign in as bob');
    // The proxied sign-in that follows suspends while it loads.
    await act(async () => {
      fireEvent.click(bob);
    });

    expect(window.localStorage.getItem(PICKED_USER_STORAGE_KEY)).toBe('bob');
  });

  it('offers nobody in an environment without demo users', async () => {
    await renderInTestApp(
      <LocalUserPickerSignInPage onSignInSuccess={jest.fn()} />,
      {
        config: {
          ...config,
          auth: { ...config.auth, environment: 'production' },
        },
      },
    );

    expect(
      await screen.findByText(/No demo users are configured/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Sign in as alice')).not.toBeInTheDocument();
  });

  it('ignores a remembered user who is no longer offered', async () => {
    window.localStorage.setItem(PICKED_USER_STORAGE_KEY, 'mallory');

    await renderInTestApp(
      <LocalUserPickerSignInPage onSignInSuccess={jest.fn()} />,
      { config },
    );

    expect(await screen.findByText('Sign in as alice')).toBeInTheDocument();
  });
});
