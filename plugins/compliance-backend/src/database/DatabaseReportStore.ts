import type { Knex } from 'knex';
import type {
  CheckStatus,
  EntityComplianceRow,
} from '@runway/plugin-compliance-common';
import type {
  EntityListFilter,
  LevelChange,
  OwnerCounts,
  ReportStore,
} from './ReportStore';
import { whereEntityRefIn } from './whereEntityRefIn';

type LevelHistoryRecord = {
  entity_ref: string;
  owner_ref: string | null;
  level: string | null;
  removed: boolean | number;
  changed_at: string | Date | number;
};

/** `%`, `_` and the escape character itself match literally in a `like ... escape '\'`. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

/** SQLite returns timestamps as strings or numbers, PostgreSQL as Dates. */
function levelChangeFromRow(row: LevelHistoryRecord): LevelChange {
  return {
    entityRef: row.entity_ref,
    ownerRef: row.owner_ref,
    level: row.level,
    // SQLite has no boolean type: it stores 0 and 1.
    removed: Boolean(row.removed),
    changedAt: new Date(row.changed_at),
  };
}

/**
 * {@link ReportStore} on knex, for SQLite and PostgreSQL. It reads the tables that
 * `DatabaseComplianceStore` writes.
 *
 * @internal
 */
export class DatabaseReportStore implements ReportStore {
  constructor(private readonly db: Knex) {}

  async listEntities(
    filter: EntityListFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: EntityComplianceRow[]; totalItems: number }> {
    const query = this.db('compliance_entities as e');
    if (filter.ownerRefs) query.whereIn('e.owner_ref', filter.ownerRefs);
    if (filter.entityRefs) {
      whereEntityRefIn(this.db, query, 'e.entity_ref', filter.entityRefs);
    }
    if (filter.kind) {
      // Refs are stored as stringified by the catalog: `kind:namespace/name`, lower-case.
      query.whereRaw(`e.entity_ref like ? escape '\\'`, [
        `${escapeLike(filter.kind.toLocaleLowerCase('en-US'))}:%`,
      ]);
    }
    if (filter.level === 'none') query.whereNull('e.level');
    else if (filter.level) query.where('e.level', filter.level);
    if (filter.q) {
      query.whereRaw(`lower(e.entity_ref) like ? escape '\\'`, [
        `%${escapeLike(filter.q.toLocaleLowerCase('en-US'))}%`,
      ]);
    }
    if (filter.checkId || filter.status) {
      query.whereExists(sub => {
        sub
          .select(this.db.raw('1'))
          .from('compliance_results as r')
          .whereRaw('r.entity_ref = e.entity_ref');
        if (filter.checkId) sub.where('r.check_id', filter.checkId);
        if (filter.status) sub.where('r.status', filter.status);
      });
    }

    const [countRow] = await query.clone().count({ count: '*' });
    const rows: Array<{
      entity_ref: string;
      owner_ref: string | null;
      level: string | null;
    }> = await query
      .clone()
      .select('e.entity_ref', 'e.owner_ref', 'e.level')
      .orderBy('e.entity_ref')
      .offset(page.offset)
      .limit(page.limit);

    const statuses = new Map<string, Record<string, CheckStatus>>(
      rows.map(row => [row.entity_ref, {}]),
    );
    if (rows.length) {
      const results: Array<{
        entity_ref: string;
        check_id: string;
        status: CheckStatus;
      }> = await this.db('compliance_results')
        .whereIn(
          'entity_ref',
          rows.map(row => row.entity_ref),
        )
        .select('entity_ref', 'check_id', 'status');
      for (const result of results) {
        statuses.get(result.entity_ref)![result.check_id] = result.status;
      }
    }

    return {
      items: rows.map(row => ({
        entityRef: row.entity_ref,
        ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
        level: row.level,
        statuses: statuses.get(row.entity_ref)!,
      })),
      totalItems: Number(countRow?.count ?? 0),
    };
  }

  async countByOwner(
    filter: { entityRefs?: ReadonlySet<string> } = {},
  ): Promise<OwnerCounts[]> {
    const query = this.db('compliance_entities');
    if (filter.entityRefs) {
      whereEntityRefIn(this.db, query, 'entity_ref', filter.entityRefs);
    }
    const rows: Array<{
      owner_ref: string | null;
      entity_count: number | string;
      compliant_count: number | string | null;
    }> = await query
      .select('owner_ref')
      .count({ entity_count: '*' })
      .select(
        this.db.raw(
          'sum(case when failing_count = 0 then 1 else 0 end) as compliant_count',
        ),
      )
      .groupBy('owner_ref');
    return rows.map(row => ({
      ownerRef: row.owner_ref,
      entityCount: Number(row.entity_count),
      compliantCount: Number(row.compliant_count ?? 0),
    }));
  }

  async getLevelChanges(options: {
    from: Date;
    until: Date;
    ownerRefs?: string[];
    entityRefs?: ReadonlySet<string>;
  }): Promise<{ initial: LevelChange[]; changes: LevelChange[] }> {
    const { from, until, ownerRefs, entityRefs } = options;
    const scoped = (query: Knex.QueryBuilder) => {
      // An entity that moved out of the scope still needs its rows, to leave the scope.
      if (ownerRefs) {
        query.whereIn(
          'entity_ref',
          this.db('compliance_level_history')
            .distinct('entity_ref')
            .whereIn('owner_ref', ownerRefs),
        );
      }
      if (entityRefs) {
        whereEntityRefIn(this.db, query, 'entity_ref', entityRefs);
      }
      return query;
    };
    const columns = [
      'entity_ref',
      'owner_ref',
      'level',
      'removed',
      'changed_at',
    ];

    const latestBefore = this.db('compliance_level_history')
      .select(columns)
      .select(
        this.db.raw(
          'row_number() over (partition by entity_ref order by changed_at desc, id desc) as rn',
        ),
      )
      .where('changed_at', '<', from)
      .modify(scoped);
    const initial: LevelHistoryRecord[] = await this.db
      .from(latestBefore.as('latest'))
      .select(columns)
      .where('rn', 1)
      // Removed entities count for nothing; no need to carry them.
      .where('removed', false);

    const changes: LevelHistoryRecord[] = await this.db(
      'compliance_level_history',
    )
      .select(columns)
      .where('changed_at', '>=', from)
      .where('changed_at', '<', until)
      .modify(scoped)
      .orderBy([
        { column: 'changed_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);

    return {
      initial: initial.map(levelChangeFromRow),
      changes: changes.map(levelChangeFromRow),
    };
  }
}
