import type { Knex } from 'knex';

/** Whether the database is PostgreSQL. @internal */
export function isPostgres(db: Knex | Knex.Transaction): boolean {
  const client = db.client.config.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
}

/**
 * A timestamp as read back: PostgreSQL gives a Date, SQLite the milliseconds it stored.
 *
 * @internal
 */
export function toIso(value: string | number | Date): string {
  return new Date(value).toISOString();
}

/** A count or bigint as read back: PostgreSQL's driver gives bigints as strings. @internal */
export function toNumber(value: string | number | bigint): number {
  return Number(value);
}

/**
 * Restricts a query to the rows whose `column` is one of `values`, with one bind parameter
 * however many values there are: a text array unnested on PostgreSQL, a JSON array read
 * with `json_each` on SQLite. A plain `where in` takes a parameter per value, and a caller
 * may see tens of thousands of entities, past SQLite's limit on parameters.
 *
 * @internal
 */
export function whereColumnIn(
  db: Knex | Knex.Transaction,
  query: Knex.QueryBuilder,
  column: string,
  values: Iterable<string>,
): Knex.QueryBuilder {
  const list = [...values];
  if (isPostgres(db)) {
    return query.whereRaw('?? in (select unnest(?::text[]))', [column, list]);
  }
  return query.whereRaw('?? in (select value from json_each(?))', [
    column,
    JSON.stringify(list),
  ]);
}
