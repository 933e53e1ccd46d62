export interface Config {
  permission?: {
    /** The Runway permission policy (`@runway/plugin-permission-backend-module-runway-policy`). */
    runwayPolicy?: {
      /**
       * Groups whose members may do everything, e.g. `group:default/team-platform`. A bare
       * name means a group in the default namespace. Membership is what the sign-in
       * resolver puts in the user's ownership refs (usually direct `memberOf` only, not
       * parent groups). Default: none, so nobody is an admin until a group is named here.
       */
      adminGroups?: string[];
    };
  };
}
