import type { HumanDuration } from '@backstage/types';

export interface Config {
  search?: {
    /**
     * TechDocs sections (`@runway/plugin-search-backend-module-techdocs-sections`). Its
     * schedule, `locationTemplate` and `parallelismLimit` are the stock TechDocs
     * collator's settings under `search.collators.techdocs`.
     */
    techdocsSections?: {
      /**
       * A page last updated longer ago than this is stale (demoted in ranking, flagged in
       * results). A duration object or an ISO 8601 duration. Default: 365 days.
       */
      staleAfter?: HumanDuration | string;
      /**
       * Where the owner status of each record comes from. `compliance`: Runway
       * compliance's last evaluation (its HTTP API), the catalog for entities it has not
       * evaluated; `catalog`: the catalog only; `auto` (default): `compliance` when the
       * compliance plugin is installed in this backend.
       */
      ownerStatusFrom?: 'auto' | 'compliance' | 'catalog';
      /**
       * Install the Lunr search engine with the sections query translator. Default: true
       * unless the search plugin's database is PostgreSQL (where the PostgreSQL engine
       * module takes over). Set false when another engine module is installed.
       */
      lunrEngine?: boolean;
      /**
       * Re-index an entity's docs as soon as TechDocs publishes them (the
       * `runway.techdocs.published` event), besides the scheduled crawl. Default: true.
       */
      reindexOnPublish?: boolean;
    };
  };
}
