/**
 * One CSV field (RFC 4180), safe to open in a spreadsheet. Following OWASP's
 * advice on CSV injection, a cell that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return (or their full-width forms, which some spreadsheets
 * also read as formulas) gets a leading `'`, so that "=HYPERLINK(…)" quoted
 * from an imported web page stays text; and a field with a comma, quote or
 * line break is quoted, quotes doubled.
 */
export function csvCell(value: string): string {
  const v = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
