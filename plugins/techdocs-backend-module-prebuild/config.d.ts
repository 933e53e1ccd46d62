import type { HumanDuration } from '@backstage/types';

export interface Config {
  techdocs?: {
    /** Background builds of every entity's TechDocs (local builder only). */
    prebuild?: {
      /** Default true when `techdocs.builder` is `local`. */
      enabled?: boolean;
      /** The full pass over every entity. Default: 15 seconds after start, then daily. */
      schedule?: {
        frequency: HumanDuration | string;
        timeout: HumanDuration | string;
        initialDelay?: HumanDuration | string;
      };
      /**
       * Builds after `runway.catalog.entity-changed` (catalog module entity-changes): the
       * docs of a new or changed entity with a techdocs-ref, within seconds.
       */
      onChange?: {
        /** Default true. */
        enabled?: boolean;
        /** How long changes are collected into one batch. Default 5 seconds. */
        delay?: HumanDuration | string;
      };
    };
  };
}
