import { sameEntityRef, userEntityRef } from './entityRefs';

describe('sameEntityRef', () => {
  it('compares refs case-insensitively, as the catalog does', () => {
    expect(sameEntityRef('user:default/alice', 'User:Default/Alice')).toBe(
      true,
    );
    expect(sameEntityRef('user:default/alice', 'user:default/bob')).toBe(false);
  });

  it('never takes a ref that does not parse for another', () => {
    expect(sameEntityRef('not a ref', 'not a ref')).toBe(false);
  });
});

describe('userEntityRef', () => {
  it('takes the full ref of a user, in lower case', () => {
    expect(userEntityRef('user:default/Alice')).toBe('user:default/alice');
  });

  it('refuses what is not a user: a service subject, a group, a bare name', () => {
    expect(userEntityRef('external:ci')).toBeUndefined();
    expect(userEntityRef('plugin:deployments')).toBeUndefined();
    expect(userEntityRef('group:default/team-a')).toBeUndefined();
    expect(userEntityRef('alice')).toBeUndefined();
  });
});
