import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Runway ownership compliance. */
  compliance?: {
    /** Entity kinds that are evaluated. Default: Component, API, Resource, System. */
    kinds?: string[];
    /**
     * Scorecard levels, lowest first. An entity's level is the highest level whose checks
     * and all lower levels' checks pass, are exempt or do not apply.
     * Default: bronze, silver, gold.
     */
    levels?: Array<{ id: string; title?: string; checks: string[] }>;
    gate?: {
      /**
       * Environment name to the level a deploy there requires, e.g. `production: silver`;
       * `none` for an environment that requires no level. Names are matched
       * case-insensitively. Default: `production` requires the second level.
       */
      environments?: { [environment: string]: string };
      /**
       * The level an environment not named in `environments` requires. Without it, the
       * gate answers such an environment with a 400 that lists the configured ones: an
       * unknown environment never means "no gate".
       */
      defaultLevel?: string;
    };
    /**
     * Options per check, e.g. `{ id: ownership.owner-has-members, options: { minMembers: 3 } }`.
     * Options: owner-is-group `allowUsers`, owner-has-members `minMembers`,
     * lifecycle-valid `lifecycles`.
     */
    checks?: Array<{ id: string; options?: { [option: string]: unknown } }>;
    exemptions?: {
      /**
       * Longest an exemption may last, in days. Default 90. The exemption dialog of
       * `@runway/plugin-compliance` reads it too.
       * @visibility frontend
       */
      maxDays?: number;
    };
    /** Checks whose results CI pushes with POST /api/compliance/results. */
    externalChecks?: Array<{
      id: string;
      title: string;
      description?: string;
      kinds?: string[];
      /** A result older than this no longer counts. Default 7 days. */
      staleAfter?: HumanDuration;
    }>;
    /** Checks over entity fields; validated at start. */
    declarativeChecks?: Array<{
      id: string;
      title: string;
      description?: string;
      remediation?: string;
      appliesTo?: { kind?: string[]; type?: string[]; lifecycle?: string[] };
      rule: {
        type: 'presence' | 'equality' | 'regex' | 'one-of' | 'count';
        field: string;
        value?: string | number | boolean;
        pattern?: string;
        values?: Array<string | number | boolean>;
        min?: number;
        max?: number;
      };
    }>;
    /**
     * How old the catalog snapshot behind single-entity evaluations may be (the entity itself
     * is always read fresh). Default 10 seconds.
     */
    catalogIndexMaxAge?: HumanDuration;
    /** When the full sweep runs. Default every 10 minutes. */
    schedule?: {
      frequency: HumanDuration | string;
      timeout: HumanDuration | string;
      initialDelay?: HumanDuration | string;
    };
    /**
     * Re-evaluation when the catalog announces an entity change (needs
     * `@runway/plugin-catalog-backend-module-entity-changes` in the backend).
     */
    evaluateOnChange?: {
      /** Default true. */
      enabled?: boolean;
      /**
       * How long to wait after the first change of a batch, so that the catalog has stored
       * it. Default 5 seconds.
       */
      delay?: HumanDuration | string;
      /**
       * When to look for entities deleted from the catalog, which no event announces: their
       * stored compliance is removed, and what a deleted Group, User or System affected is
       * re-evaluated. One catalog read per run, global scope. Default every 5 minutes,
       * timeout 5 minutes, first run after 2 minutes.
       */
      reconcile?: {
        frequency: HumanDuration | string;
        timeout: HumanDuration | string;
        initialDelay?: HumanDuration | string;
      };
      /**
       * How soon after each start the catch-up runs: it compares the catalog with what is
       * stored and evaluates what changed while no event was handled (e.g. the backend
       * stopped before it evaluated a change), evaluates what a changed group, user or
       * system affects, and removes what left the catalog; more than 500 entities are left
       * to a sweep, triggered for it. Global scope: with several replicas, one at a time.
       * At least 1 second; default 10 seconds.
       */
      catchUpDelay?: HumanDuration | string;
    };
  };
}
