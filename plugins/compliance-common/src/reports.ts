import type { components, operations } from './schema/openapi';

/** Filters and paging of the entity × check table. @public */
export type EntityComplianceQuery = NonNullable<
  operations['ListEntities']['parameters']['query']
>;

/** One entity in the entity × check table. @public */
export type EntityComplianceRow = components['schemas']['EntityComplianceRow'];

/** A page of the entity × check table. @public */
export type EntityComplianceList =
  components['schemas']['EntityComplianceList'];

/** The level distribution at the end of one UTC day. @public */
export type LevelTrendPoint = components['schemas']['LevelTrendPoint'];

/** Levels over time, oldest day first; the last point is today so far. @public */
export type LevelTrend = components['schemas']['LevelTrend'];

/** The query of the levels-over-time view. @public */
export type LevelTrendQuery = NonNullable<
  operations['GetTrend']['parameters']['query']
>;
