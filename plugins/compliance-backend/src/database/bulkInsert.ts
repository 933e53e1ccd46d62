import type { Knex } from 'knex';

/** A column and its PostgreSQL type, for the typed arrays of an `unnest` insert. */
export type BulkColumn = {
  name: string;
  pgType: 'text' | 'timestamptz' | 'integer' | 'boolean';
};

/**
 * Inserts many rows at once. On PostgreSQL it sends one array per column and lets `unnest`
 * build the rows: one statement with a handful of parameters instead of thousands, which
 * makes a first sweep's tens of thousands of rows several times faster. Elsewhere (SQLite)
 * it falls back to knex's multi-row inserts.
 *
 * @internal
 */
export async function bulkInsert(
  tx: Knex | Knex.Transaction,
  table: string,
  columns: BulkColumn[],
  rows: Array<Record<string, unknown>>,
  options: { conflict?: { target: string[]; merge: string[] } } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const client = (tx as Knex).client.config.client;
  const isPostgres =
    client === 'pg' || client === 'postgres' || client === 'postgresql';
  if (!isPostgres) {
    for (let i = 0; i < rows.length; i += 500) {
      const query = tx(table).insert(rows.slice(i, i + 500));
      if (options.conflict) {
        await query
          .onConflict(options.conflict.target)
          .merge(options.conflict.merge);
      } else {
        await query;
      }
    }
    return;
  }
  const arrays = columns.map(column =>
    rows.map(row => {
      const value = row[column.name];
      if (value === undefined || value === null) return null;
      if (value instanceof Date) return value.toISOString();
      // SQLite-style booleans (0/1) and real ones both become PostgreSQL booleans.
      if (column.pgType === 'boolean') return Boolean(value);
      return column.pgType === 'integer' ? Number(value) : String(value);
    }),
  );
  const names = columns.map(c => `"${c.name}"`).join(', ');
  const unnest = columns.map(c => `?::${c.pgType}[]`).join(', ');
  const conflict = options.conflict
    ? ` ON CONFLICT (${options.conflict.target
        .map(t => `"${t}"`)
        .join(', ')}) DO UPDATE SET ${options.conflict.merge
        .map(m => `"${m}" = EXCLUDED."${m}"`)
        .join(', ')}`
    : '';
  await tx.raw(
    `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${unnest})${conflict}`,
    arrays as unknown as readonly Knex.RawBinding[],
  );
}
