/**
 * Quoting for SQL text the stores generate from the schema (table and column
 * names read from the catalog, names of triggers): the same on SQLite and
 * PostgreSQL. Values still go in as parameters wherever a statement takes them.
 */

/** An identifier, double-quoted: `"name"`. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal, single-quoted: `'text'`. */
export function quoteString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
