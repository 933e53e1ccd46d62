import type { AuditRecord } from '../database/AuditLog';

/** The columns of the CSV export, in order. @internal */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'occurredAt',
  'type',
  'entityRef',
  'actor',
  'data',
  'prevHash',
  'hash',
] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, a comma or a line break, quotes
 * doubled. A cell that a spreadsheet would run as a formula (starting with =, +, -, @, a
 * tab or a carriage return) is prefixed with an apostrophe, as OWASP recommends against
 * CSV injection: the data of an audit row is whatever someone sent (a version, an author,
 * an external id).
 *
 * @internal
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header line of the export. @internal */
export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
}

/** One audit row as a CSV line; `data` as its JSON. @internal */
export function auditCsvLine(record: AuditRecord): string {
  const cells = AUDIT_CSV_COLUMNS.map(column =>
    csvCell(column === 'data' ? JSON.stringify(record.data) : record[column]),
  );
  return `${cells.join(',')}\r\n`;
}
