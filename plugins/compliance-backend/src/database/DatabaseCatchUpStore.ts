import type { Knex } from 'knex';
import { bulkInsert, type BulkColumn } from './bulkInsert';
import type { CatchUpStore } from './CatchUpStore';

/** Keeps `where in` lists under the bind-parameter limits of SQLite and PostgreSQL. */
const CHUNK_SIZE = 500;

const RELATED_COLUMNS: BulkColumn[] = [
  { name: 'entity_ref', pgType: 'text' },
  { name: 'catalog_etag', pgType: 'text' },
];

/**
 * {@link CatchUpStore} on knex, for SQLite and PostgreSQL. The evaluated entities' etags are
 * read from `compliance_entities`, where DatabaseComplianceStore writes them with each
 * evaluation; the related entities' etags are this store's own table.
 *
 * @internal
 */
export class DatabaseCatchUpStore implements CatchUpStore {
  constructor(private readonly db: Knex) {}

  async listEvaluatedEtags(): Promise<Map<string, string | null>> {
    const rows: Array<{ entity_ref: string; catalog_etag: string | null }> =
      await this.db('compliance_entities').select('entity_ref', 'catalog_etag');
    return new Map(rows.map(row => [row.entity_ref, row.catalog_etag]));
  }

  async listRelatedEtags(): Promise<Map<string, string>> {
    const rows: Array<{ entity_ref: string; catalog_etag: string }> =
      await this.db('compliance_related_etags').select(
        'entity_ref',
        'catalog_etag',
      );
    return new Map(rows.map(row => [row.entity_ref, row.catalog_etag]));
  }

  async saveRelatedEtags(changes: {
    etags: ReadonlyMap<string, string>;
    removedRefs: readonly string[];
  }): Promise<void> {
    await this.db.transaction(async tx => {
      await bulkInsert(
        tx,
        'compliance_related_etags',
        RELATED_COLUMNS,
        [...changes.etags].map(([entityRef, etag]) => ({
          entity_ref: entityRef,
          catalog_etag: etag,
        })),
        {
          conflict: { target: ['entity_ref'], merge: ['catalog_etag'] },
        },
      );
      for (let i = 0; i < changes.removedRefs.length; i += CHUNK_SIZE) {
        await tx('compliance_related_etags')
          .whereIn('entity_ref', changes.removedRefs.slice(i, i + CHUNK_SIZE))
          .delete();
      }
    });
  }
}
