import type {
  CheckStatus,
  EntityComplianceRow,
} from '@runway/plugin-compliance-common';

/** Which entities the entity × check table shows. Absent fields do not filter. @internal */
export type EntityListFilter = {
  /** Owners to include (a group and its descendants, resolved by the caller). */
  ownerRefs?: string[];
  /** Lower-case kind. */
  kind?: string;
  status?: CheckStatus;
  checkId?: string;
  /** A level id, or `none` for entities without a level. */
  level?: string;
  /** Text the entity ref contains, case-insensitive. */
  q?: string;
  /** Only these entities, e.g. those the caller may see in the catalog. */
  entityRefs?: ReadonlySet<string>;
};

/** Entity and compliant counts of the entities one owner owns directly. @internal */
export type OwnerCounts = {
  ownerRef: string | null;
  entityCount: number;
  compliantCount: number;
};

/** One row of the level history: an entity's level and owner from `changedAt` on. @internal */
export type LevelChange = {
  entityRef: string;
  ownerRef: string | null;
  level: string | null;
  /** The entity left the results at `changedAt`. */
  removed: boolean;
  changedAt: Date;
};

/**
 * Read-only queries behind the reporting views: the entity × check table, the per-owner
 * counts of the organisation tree and the level history of the trend.
 *
 * @internal
 */
export interface ReportStore {
  /** A page of entities, ordered by entity ref, with the total over all pages. */
  listEntities(
    filter: EntityListFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: EntityComplianceRow[]; totalItems: number }>;

  /** Counts per direct owner, in one query; with `entityRefs`, of those entities only. */
  countByOwner(filter?: {
    entityRefs?: ReadonlySet<string>;
  }): Promise<OwnerCounts[]>;

  /**
   * The level history needed to replay the days from `from` to `until`: each entity's
   * latest row before `from`, and every row from `from` until `until`, oldest first. With
   * `ownerRefs`, only entities that were ever owned by one of them; with `entityRefs`, only
   * those entities.
   */
  getLevelChanges(options: {
    from: Date;
    until: Date;
    ownerRefs?: string[];
    entityRefs?: ReadonlySet<string>;
  }): Promise<{ initial: LevelChange[]; changes: LevelChange[] }>;
}
