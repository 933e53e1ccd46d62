export interface Config {
  auth?: {
    /**
     * The auth environment; the sign-in page reads the providers configured for it.
     * @visibility frontend
     */
    environment?: string;
    providers?: {
      localUserPicker?: {
        [authEnvironment: string]: {
          /**
           * Demo users offered on the local sign-in page.
           * @visibility frontend
           */
          users: string[];
        };
      };
    };
  };
}
