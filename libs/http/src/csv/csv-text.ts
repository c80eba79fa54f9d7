/**
 * Staff-typed text, defused for spreadsheets: a cell starting with = + - @ (after any blanks, which a
 * spreadsheet may skip) or with a tab or line break would be read as a formula, so it gets a leading
 * apostrophe.
 */
export function spreadsheetText(value: string): string {
  return /^(\s*[=+\-@]|[\t\r\n])/.test(value) ? `'${value}` : value;
}

/** One CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote or line break. */
function field(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows as RFC 4180 CSV: CRLF after every line, the last one included. */
export function csvLines(rows: readonly (readonly string[])[]): string {
  return rows.map((cells) => cells.map(field).join(',') + '\r\n').join('');
}
