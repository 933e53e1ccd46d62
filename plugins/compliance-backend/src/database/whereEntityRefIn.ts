import type { Knex } from 'knex';

/**
 * Restricts a query to the rows whose `column` is one of `refs`, with one bind parameter
 * however many refs there are: a text array unnested on PostgreSQL, a JSON array read with
 * `json_each` on SQLite. A plain `where in` takes a parameter per ref, and a caller may see
 * tens of thousands of entities, past SQLite's limit on parameters; chunks of `where in`
 * would not do either, since counts, ordering and paging must run over the whole set.
 *
 * @internal
 */
export function whereEntityRefIn(
  db: Knex,
  query: Knex.QueryBuilder,
  column: string,
  refs: ReadonlySet<string> | readonly string[],
): Knex.QueryBuilder {
  const list = [...refs];
  const client = db.client.config.client;
  if (client === 'pg' || client === 'postgres' || client === 'postgresql') {
    return query.whereRaw('?? in (select unnest(?::text[]))', [column, list]);
  }
  return query.whereRaw('?? in (select value from json_each(?))', [
    column,
    JSON.stringify(list),
  ]);
}
