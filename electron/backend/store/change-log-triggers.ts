import type { Db } from './connection.ts';
import { cacheWriteStatements } from './statements.ts';
import { quoteIdent, quoteString } from './sql-quote.ts';

/**
 * The change log's recording side: triggers that write a `change_log` row for
 * every insert, update and delete of the tables researchers change.
 *
 * Why triggers, not a call in each store method: a change that is not logged
 * is a hole in the provenance a project must be able to show, and logging in
 * the store methods relies on every one of them (and every new one, and every
 * cascade SQLite does by itself: deleting a document deletes its annotations,
 * their claim links and relations) remembering to log. A trigger sees every
 * row the database changes, whoever changed it, in the same statement and so
 * in the same transaction: a rolled-back change leaves no entry.
 *
 * Why TEMP triggers, created on each connection the project opens, rather
 * than permanent ones in a migration: (1) they call two functions this
 * connection registers (`gloss_change_actor()`, `gloss_change_via()`, which
 * read the change context of provenance/context.ts); a permanent trigger calling them would make
 * the file unwritable by any other SQLite client, which lacks the functions;
 * (2) they are generated from the live schema, so a column another migration
 * adds is logged without rewriting the triggers. Migrations' own writes run
 * before they exist and are not logged: they are not anyone's change.
 *
 * Portability: everything here is a row trigger over ordinary tables, with
 * the row as a JSON object of its columns. On PostgreSQL the same is one
 * trigger function per table (`to_jsonb(OLD) - 'text'`, the actor and method
 * from `current_setting('gloss.actor')`, set by `SET LOCAL` at the start of
 * each write transaction), or plain inserts from the repository layer.
 */

/** How a logged table's rows find their document; `r` is `new` or `old`. */
type DocumentOf = (r: string) => string;

interface LoggedTable {
  table: string;
  /** The `kind` its entries carry. */
  kind: string;
  /** Its key columns (joined with '/' into `object_id`). */
  key: readonly string[];
  document: DocumentOf;
  /**
   * Columns not copied into before/after: large ones kept elsewhere (a
   * document's text is in its versions, and its hash changes with it) and
   * ones derived from others (an annotation's offsets and context come from
   * its ranges and the text).
   */
  omit?: readonly string[];
  /**
   * Migration 006's triggers fill an empty `annotator` from the annotation
   * this column names, by an UPDATE right after the insert: the insert is
   * logged with the annotator as filled, and that update is not logged.
   */
  filledAnnotator?: string;
}

/** Rows being deleted whose children are deleted by cascade: the children's document is found here once the parent row is gone. */
const DELETING = 'temp.gloss_change_deleting';

const column = (name: string): DocumentOf => (r) => `${r}.${name}`;
/** The usual case, a `document_id` column: the entry's document_id holds it, so an inserted or deleted row's JSON leaves it out. */
const documentIdColumn = column('document_id');
const none: DocumentOf = () => 'NULL';
/** The document of an annotation (or of one being deleted, for rows deleted with it). */
const viaAnnotation = (name: string): DocumentOf => (r) =>
  `COALESCE((SELECT document_id FROM main.annotations WHERE id = ${r}.${name}), (SELECT document_id FROM ${DELETING} WHERE id = ${r}.${name}))`;
const viaRelation = (name: string): DocumentOf => (r) =>
  `COALESCE((SELECT a.document_id FROM main.relations x JOIN main.annotations a ON a.id = x.from_annotation_id WHERE x.id = ${r}.${name}), (SELECT document_id FROM ${DELETING} WHERE id = ${r}.${name}))`;

/**
 * Every table whose changes are a researcher's work. Not logged: derived or
 * bookkeeping tables (full-text index, settings, source ids of imported
 * records, re-anchoring records that accompany a logged version) and the
 * log itself.
 */
export const LOGGED_TABLES: readonly LoggedTable[] = [
  { table: 'documents', kind: 'document', key: ['id'], document: column('id'), omit: ['text', 'blocks'] },
  { table: 'document_versions', kind: 'document_version', key: ['document_id', 'version'], document: documentIdColumn, omit: ['text', 'blocks'] },
  { table: 'document_status', kind: 'document_status', key: ['document_id', 'annotator'], document: documentIdColumn },
  { table: 'document_stances', kind: 'document_stance', key: ['id'], document: documentIdColumn },
  { table: 'annotations', kind: 'annotation', key: ['id'], document: documentIdColumn, omit: ['start_offset', 'end_offset', 'prefix', 'suffix'] },
  { table: 'annotation_entities', kind: 'annotation_entity', key: ['annotation_id'], document: viaAnnotation('annotation_id'), filledAnnotator: 'annotation_id' },
  { table: 'claim_links', kind: 'claim_link', key: ['id'], document: viaAnnotation('annotation_id'), filledAnnotator: 'annotation_id' },
  { table: 'relations', kind: 'relation', key: ['id'], document: viaAnnotation('from_annotation_id'), filledAnnotator: 'from_annotation_id' },
  { table: 'relation_roles', kind: 'relation_role', key: ['relation_id'], document: viaRelation('relation_id') },
  { table: 'events', kind: 'event', key: ['id'], document: documentIdColumn },
  { table: 'equivalences', kind: 'equivalence', key: ['id'], document: documentIdColumn },
  { table: 'normalizations', kind: 'normalization', key: ['id'], document: documentIdColumn },
  { table: 'standoff_notes', kind: 'standoff_note', key: ['id'], document: documentIdColumn },
  { table: 'suggestion_rejections', kind: 'suggestion_rejection', key: ['label_id', 'start_offset', 'end_offset'], document: documentIdColumn },
  { table: 'collection_documents', kind: 'collection_document', key: ['collection_id', 'document_id'], document: documentIdColumn },
  { table: 'trash', kind: 'trash', key: ['id'], document: documentIdColumn, omit: ['payload'] },
  { table: 'entities', kind: 'entity', key: ['id'], document: none },
  { table: 'propositions', kind: 'proposition', key: ['id'], document: none, omit: ['text_key'] },
  { table: 'labels', kind: 'label', key: ['id'], document: none },
  { table: 'relation_types', kind: 'relation_type', key: ['id'], document: none },
  { table: 'collections', kind: 'collection', key: ['id'], document: none },
  // The team server's: who is assigned which document, and accounts (names, roles, when disabled; never a secret: tokens and sessions are not logged).
  { table: 'assignments', kind: 'assignment', key: ['user_name', 'document_id'], document: documentIdColumn },
  { table: 'users', kind: 'user', key: ['name'], document: none, omit: ['name_key'] },
];

/** Parents whose children cascade: while one is deleted, its document is kept in {@link DELETING}. */
const CASCADING_PARENTS: Readonly<Record<string, DocumentOf>> = {
  annotations: column('document_id'),
  relations: viaAnnotation('from_annotation_id'),
};


/** The current time in UTC milliseconds, in plain SQL (SQLite's `unixepoch('subsec')` is too recent to count on). */
const NOW_MS = "CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)";

/** The functions the triggers call, answered by the connection's owner. */
export interface ChangeSource {
  actor(): string;
  via(): string | null;
}

/**
 * Registers the log's functions and creates its TEMP triggers on this
 * connection (for the tables that exist). Does nothing on a database without
 * the change_log table (one opened at an older schema by a test).
 */
export function installChangeLogTriggers(db: Db, source: ChangeSource): void {
  const has = db.prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?").pluck();
  if (!has.get('change_log')) return;
  // The triggers and their helper table live in the connection's TEMP schema. Left on disk (SQLite's
  // default), it has a journal file of its own, written in every write transaction: that made each
  // insert about 3× as costly (50 µs more per row in a bulk import); in memory it costs next to nothing.
  // It must be set before the TEMP schema is first used, as changing it drops what is in it.
  db.pragma('temp_store = MEMORY');
  db.function('gloss_change_actor', { deterministic: false }, () => source.actor());
  db.function('gloss_change_via', { deterministic: false }, () => source.via());
  const statements = [`CREATE TEMP TABLE IF NOT EXISTS ${DELETING.slice(5)} (id TEXT PRIMARY KEY, document_id TEXT)`];
  for (const t of LOGGED_TABLES) {
    if (!has.get(t.table)) continue;
    const columns = (db.prepare(`PRAGMA main.table_info(${quoteIdent(t.table)})`).all() as { name: string; type: string }[])
      .filter((c) => !t.omit?.includes(c.name) && !/BLOB/i.test(c.type))
      .map((c) => c.name);
    statements.push(...triggersFor(t, columns));
  }
  db.exec(statements.join(';\n'));
  cacheWriteStatements(db);
}

function triggersFor(t: LoggedTable, columns: readonly string[]): string[] {
  const name = (op: string) => quoteIdent(`gloss_log_${t.table}_${op}`);
  const on = `main.${quoteIdent(t.table)}`;
  const fill = t.filledAnnotator && columns.includes('annotator') ? t.filledAnnotator : undefined;
  const value = (r: string, c: string) =>
    fill && c === 'annotator' && r === 'new'
      ? `CASE WHEN new.annotator = '' THEN coalesce((SELECT a.annotator FROM main.annotations a WHERE a.id = new.${quoteIdent(fill)}), '') ELSE new.annotator END`
      : `${r}.${quoteIdent(c)}`;
  // An inserted or deleted row without the columns the entry holds already (its id in object_id, its document in document_id).
  const inEntry = new Set([...(t.key.length === 1 && t.key[0] === 'id' ? ['id'] : []), ...(t.document === documentIdColumn ? ['document_id'] : [])]);
  const row = (r: string) => `json_object(${columns.filter((c) => !inEntry.has(c)).map((c) => `${quoteString(c)}, ${value(r, c)}`).join(', ')})`;
  const rawRow = (r: string) => `json_object(${columns.map((c) => `${quoteString(c)}, ${r}.${quoteIdent(c)}`).join(', ')})`;
  const key = (r: string) => t.key.map((k) => `COALESCE(CAST(${r}.${quoteIdent(k)} AS TEXT), '')`).join(` || '/' || `);
  // An update's before and after keep only the columns it changed (a path that does not exist is no-op for json_remove).
  const changed = (r: string) => `json_remove(${rawRow(r)}, ${columns.map((c) => `CASE WHEN old.${quoteIdent(c)} IS new.${quoteIdent(c)} THEN ${quoteString('$.' + c)} ELSE '$.__kept' END`).join(', ')})`;
  const insert = (op: string, r: string, before: string, after: string) =>
    `INSERT INTO main.change_log (at, actor, document_id, kind, object_id, op, before, after, via) VALUES (${NOW_MS}, gloss_change_actor(), ${t.document(r)}, ${quoteString(t.kind)}, ${key(r)}, '${op}', ${before}, ${after}, gloss_change_via())`;
  const parent = CASCADING_PARENTS[t.table];
  const anyChange = columns.map((c) => `old.${quoteIdent(c)} IS NOT new.${quoteIdent(c)}`).join(' OR ');
  const onlyFilled = fill ? ` AND NOT (old.annotator = '' AND ${columns.filter((c) => c !== 'annotator').map((c) => `old.${quoteIdent(c)} IS new.${quoteIdent(c)}`).join(' AND ')})` : '';
  const out = [
    `CREATE TEMP TRIGGER ${name('insert')} AFTER INSERT ON ${on} BEGIN ${insert('insert', 'new', 'NULL', row('new'))}; END`,
    `CREATE TEMP TRIGGER ${name('update')} AFTER UPDATE ON ${on} WHEN (${anyChange})${onlyFilled} BEGIN ${insert('update', 'new', changed('old'), changed('new'))}; END`,
    `CREATE TEMP TRIGGER ${name('delete')} AFTER DELETE ON ${on} BEGIN ${insert('delete', 'old', row('old'), 'NULL')};${parent ? ` DELETE FROM ${DELETING} WHERE id = old.id;` : ''} END`,
  ];
  // SQLite runs a cascade's child deletes after the parent row is gone (and before the parent's AFTER DELETE trigger).
  if (parent) out.push(`CREATE TEMP TRIGGER ${name('deleting')} BEFORE DELETE ON ${on} BEGIN INSERT OR REPLACE INTO ${DELETING} (id, document_id) VALUES (old.id, ${parent('old')}); END`);
  return out;
}
