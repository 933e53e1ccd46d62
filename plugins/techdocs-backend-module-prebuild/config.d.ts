import type { HumanDuration } from '@backstage/types';

export interface Config {
  techdocs?: {
    /** Background builds of every entity's TechDocs (local builder only). */
    prebuild?: {
      /** Default true when `techdocs.builder` is `local`. */
      enabled?: boolean;
      /** Default: 15 seconds after start, then daily. */
      schedule?: {
        frequency: HumanDuration | string;
        timeout: HumanDuration | string;
        initialDelay?: HumanDuration | string;
      };
    };
  };
}
