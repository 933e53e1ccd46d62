import { ConfigReader } from '@backstage/config';
import { readRunwayPolicyConfig } from './readRunwayPolicyConfig';

const read = (adminGroups?: unknown) =>
  readRunwayPolicyConfig(
    new ConfigReader(
      adminGroups === undefined
        ? {}
        : { permission: { runwayPolicy: { adminGroups } } },
    ),
  );

describe('readRunwayPolicyConfig', () => {
  it('names no admin group unless configured', () => {
    expect(read()).toEqual({ adminGroups: [] });
  });

  it('reads full refs and bare group names, in lower case', () => {
    expect(
      read(['group:default/team-platform', 'Team-SRE', 'group:ops/oncall']),
    ).toEqual({
      adminGroups: [
        'group:default/team-platform',
        'group:default/team-sre',
        'group:ops/oncall',
      ],
    });
  });

  it('refuses a user, naming the entry', () => {
    expect(() => read(['team-platform', 'user:default/priya'])).toThrow(
      "permission.runwayPolicy.adminGroups[1] must be a group, got 'user:default/priya'",
    );
  });

  it('refuses a value that is not an entity ref', () => {
    expect(() => read(['group:default/'])).toThrow(
      "permission.runwayPolicy.adminGroups[0] is not an entity ref: 'group:default/'",
    );
  });

  it('refuses a value that is not a list of strings', () => {
    expect(() => read('team-platform')).toThrow(/adminGroups/);
  });
});
