import { codeownerNamesOwner, expectedCodeowner } from './codeownerNamesOwner';

describe('codeownerNamesOwner', () => {
  it('matches teams to groups by slug, whatever the org', () => {
    expect(
      codeownerNamesOwner('@acme/team-billing', 'group:default/team-billing'),
    ).toBe(true);
    expect(
      codeownerNamesOwner('@Acme/Team-Billing', 'group:infra/team-billing'),
    ).toBe(true);
    expect(
      codeownerNamesOwner('@acme/team-payments', 'group:default/team-billing'),
    ).toBe(false);
    expect(
      codeownerNamesOwner('@team-billing', 'group:default/team-billing'),
    ).toBe(false);
  });

  it('matches users to users by name', () => {
    expect(codeownerNamesOwner('@jane', 'user:default/jane')).toBe(true);
    expect(codeownerNamesOwner('@acme/jane', 'user:default/jane')).toBe(false);
    expect(codeownerNamesOwner('@joe', 'user:default/jane')).toBe(false);
  });

  it('never matches e-mail addresses', () => {
    expect(codeownerNamesOwner('jane@acme.example', 'user:default/jane')).toBe(
      false,
    );
  });

  it('says how the owner is written in CODEOWNERS', () => {
    expect(expectedCodeowner('group:default/team-billing')).toBe(
      '@<org>/team-billing',
    );
    expect(expectedCodeowner('user:default/jane')).toBe('@jane');
  });
});
