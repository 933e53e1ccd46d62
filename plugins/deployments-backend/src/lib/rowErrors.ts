/** What is wrong with one row of a bulk request, e.g. one deployment of an import. @internal */
export type RowError = {
  /** The row's index in the request's array. */
  index: number;
  /** The field at fault, as a path inside the row (`status`, `finishedAt`), or '' for the row. */
  field: string;
  message: string;
};

/** How many row errors one message lists; the rest are counted. */
const LISTED = 50;

/**
 * One message that names every bad row by index and field, e.g.
 * `deployments[2].status: must be one of succeeded, failed`, sorted by row, the first 50
 * listed and the rest counted: Backstage's error body has one message, and this is it.
 *
 * @internal
 */
export function rowErrorsMessage(
  arrayName: string,
  errors: RowError[],
  summary: string,
): string {
  const sorted = [...errors].sort(
    (a, b) => a.index - b.index || a.field.localeCompare(b.field),
  );
  const lines = sorted.slice(0, LISTED).map(error => {
    const at = `${arrayName}[${error.index}]${
      error.field ? `.${error.field}` : ''
    }`;
    return `${at}: ${error.message}`;
  });
  const more =
    sorted.length > LISTED ? `; and ${sorted.length - LISTED} more` : '';
  return `${summary}: ${lines.join('; ')}${more}`;
}
