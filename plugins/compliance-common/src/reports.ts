import type { CheckStatus } from './types';

/** Filters and paging of the entity × check table. @public */
export type EntityComplianceQuery = {
  /** A group: entities owned by it or by any group below it. */
  ownerRef?: string;
  /** Entity kind, e.g. `Component` (case-insensitive). */
  kind?: string;
  /** With `checkId`: that check has this status; alone: some check has it. */
  status?: CheckStatus;
  /** Entities with a result for this check (and `status`, when given). */
  checkId?: string;
  /** A level id, or `none` for entities that reach no level. */
  level?: string;
  /** Text the entity ref contains (case-insensitive). */
  q?: string;
  offset?: number;
  /** 1 to 500; 50 when absent. */
  limit?: number;
};

/** One entity in the entity × check table. @public */
export type EntityComplianceRow = {
  entityRef: string;
  ownerRef?: string;
  /** The highest level reached, or `null` when not even the lowest is. */
  level: string | null;
  /** Check id to the entity's status for that check. */
  statuses: Record<string, CheckStatus>;
};

/** A page of the entity × check table. @public */
export type EntityComplianceList = {
  items: EntityComplianceRow[];
  /** How many entities match the filters, over all pages. */
  totalItems: number;
};

/**
 * A group in the organisation tree. The counts cover the entities owned by the group and
 * by every group below it.
 *
 * @public
 */
export type OrgTreeNode = {
  groupRef: string;
  title: string;
  /** 0–100 with one decimal; 100 when the group owns no entities. */
  percentCompliant: number;
  entityCount: number;
  compliantCount: number;
  children: OrgTreeNode[];
};

/** The level distribution at the end of one UTC day. @public */
export type LevelTrendPoint = {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  /** Level id (or `none`) to number of entities. */
  levels: Record<string, number>;
};

/** Levels over time, oldest day first; the last point is today so far. @public */
export type LevelTrend = {
  points: LevelTrendPoint[];
};
