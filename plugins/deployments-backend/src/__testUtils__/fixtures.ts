// A small organisation and request bodies for the router tests. Production code must not
// import this file.
import { mockCredentials } from '@backstage/backend-test-utils';
import type { ImportedDeployment } from '@runway/plugin-deployments-common';
import { component, group, system, user } from './entities';

/**
 * acme > team-a > team-a-sub, and team-b. team-a owns shop, team-a-sub cart (both in the
 * store system), team-b billing and vault.
 *
 * @internal
 */
export const ORGANISATION = [
  group('acme'),
  group('team-a', 'acme'),
  group('team-a-sub', 'team-a'),
  group('team-b', 'acme'),
  user('alice', 'team-a'),
  user('bob', 'team-b'),
  user('carol', 'team-b'),
  system('store', 'team-a'),
  component('shop', 'team-a', 'store'),
  component('cart', 'team-a-sub', 'store'),
  component('billing', 'team-b'),
  component('vault', 'team-b'),
];

/** Carol may read only these (vault, shop and cart are hidden from her). @internal */
export const VISIBLE_TO_CAROL = ORGANISATION.filter(
  e =>
    !['vault', 'shop', 'cart', 'team-a', 'team-a-sub'].includes(
      e.metadata.name,
    ),
);

/** @internal */
export const ALICE = mockCredentials.user.header('user:default/alice');
/** @internal */
export const CAROL_REF = 'user:default/carol';
/** @internal */
export const CAROL = mockCredentials.user.header(CAROL_REF);

/** A full commit SHA made of one character. @internal */
export const sha = (c = 'a') => c.repeat(40);

/** The body of POST /versions for `component:default/<name>`. @internal */
export function versionBody(name: string, version: string, commit = sha()) {
  return {
    entityRef: `component:default/${name}`,
    version,
    commitSha: commit,
    commitTime: '2026-11-01T10:00:00Z',
    author: 'alice@example.com',
  };
}

/** One deployment to import: succeeded in production, finished at `finishedAt`. @internal */
export function deployment(
  externalId: string,
  name: string,
  finishedAt: string,
  extra: Partial<ImportedDeployment> = {},
): ImportedDeployment {
  const finished = Date.parse(finishedAt);
  return {
    externalId,
    entityRef: `component:default/${name}`,
    stage: 'production',
    version: '1.0.0',
    commitSha: sha('c'),
    commitTime: new Date(finished - 5 * 3_600_000).toISOString(),
    startedAt: new Date(finished - 600_000).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    status: 'succeeded',
    rollback: false,
    ...extra,
  };
}

/**
 * Throws, with what the server said, unless a response has the status: for the set-up in
 * `beforeAll`, where `expect` does not belong.
 *
 * @internal
 */
export function assertStatus(
  res: { status: number; body: unknown },
  status: number,
): void {
  if (res.status !== status) {
    throw new Error(
      `Expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`,
    );
  }
}
