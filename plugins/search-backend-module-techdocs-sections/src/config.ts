import type { RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

/** The module's settings, read once at start. */
export type TechDocsSectionsConfig = {
  schedule: SchedulerServiceTaskScheduleDefinition;
  staleAfter: HumanDuration;
  ownerStatusFrom: 'auto' | 'compliance' | 'catalog';
  /** Undefined: decide from the database. */
  lunrEngine?: boolean;
  reindexOnPublish: boolean;
};

/** The stock TechDocs collator's default schedule. */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 3 },
};

const KEY = 'search.techdocsSections';

export function readTechDocsSectionsConfig(
  config: RootConfigService,
): TechDocsSectionsConfig {
  const schedule = config.has('search.collators.techdocs.schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('search.collators.techdocs.schedule'),
      )
    : DEFAULT_SCHEDULE;
  const ownerStatusFrom =
    config.getOptionalString(`${KEY}.ownerStatusFrom`) ?? 'auto';
  if (!['auto', 'compliance', 'catalog'].includes(ownerStatusFrom)) {
    throw new InputError(
      `${KEY}.ownerStatusFrom must be auto, compliance or catalog, not '${ownerStatusFrom}'`,
    );
  }
  return {
    schedule,
    staleAfter: config.has(`${KEY}.staleAfter`)
      ? readDurationFromConfig(config, { key: `${KEY}.staleAfter` })
      : { days: 365 },
    ownerStatusFrom:
      ownerStatusFrom as TechDocsSectionsConfig['ownerStatusFrom'],
    lunrEngine: config.getOptionalBoolean(`${KEY}.lunrEngine`),
    reindexOnPublish:
      config.getOptionalBoolean(`${KEY}.reindexOnPublish`) ?? true,
  };
}

/** Whether the search plugin's database is PostgreSQL, from the backend's config. */
export function searchDatabaseIsPostgres(config: RootConfigService): boolean {
  const client =
    config.getOptionalString('backend.database.plugin.search.client') ??
    config.getOptionalString('backend.database.client');
  return client === 'pg';
}
