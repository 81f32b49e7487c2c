import { createHash } from 'node:crypto';
import type pg from 'pg';
import { LOGGED_TABLES } from '../change-log-triggers.ts';
import type { Queryable } from './documents.ts';
import { TABLE_KEYS_SQL, undoJournalStatements } from './undo-journal-triggers.ts';
import { quoteIdent, quoteString } from '../sql-quote.ts';

/**
 * The change log's recording side on PostgreSQL: the same entries as the
 * SQLite engine's TEMP triggers (store/change-log-triggers.ts), written by a
 * row trigger per logged table in the same statement as the change, so no
 * write path can forget it and a rolled-back change leaves no entry.
 *
 * The triggers are permanent (PostgreSQL has no per-connection triggers on
 * ordinary tables), generated from the live catalog when a project opens, and
 * take who and through what from two settings each transaction sets
 * (`gloss.actor`, `gloss.via`; see {@link changeContextStatement}). A write
 * made without them (psql, a script) is logged as `unknown`: still a change
 * someone made.
 *
 * Rows deleted by a cascade find their document through settings the
 * parents' BEFORE DELETE triggers leave for the transaction: by the time a
 * child's trigger runs, its parent row is gone (as on SQLite, where a TEMP
 * table plays that part).
 */


/** Columns PostgreSQL has and SQLite has not: never in an entry. */
const ENGINE_COLUMNS = new Set(['seq', 'search', 'search_words']);

/** Parents whose cascaded children look up their document while the parent is being deleted. */
const CASCADING_PARENTS: Readonly<Record<string, () => string>> = {
  annotations: () => 'OLD.document_id',
  relations: () => viaAnnotation('OLD', 'from_annotation_id'),
};


/** The transaction setting that holds a row's document while it is being deleted. */
function deletingKey(id: string): string {
  return `'gloss.deleting_' || md5(${id})`;
}

function viaAnnotation(r: string, column: string): string {
  return `coalesce((SELECT a.document_id FROM annotations a WHERE a.id = ${r}.${quoteIdent(column)}), nullif(current_setting(${deletingKey(`${r}.${quoteIdent(column)}`)}, true), ''))`;
}

function viaRelation(r: string, column: string): string {
  return `coalesce((SELECT a.document_id FROM relations x JOIN annotations a ON a.id = x.from_annotation_id WHERE x.id = ${r}.${quoteIdent(column)}), nullif(current_setting(${deletingKey(`${r}.${quoteIdent(column)}`)}, true), ''))`;
}

/** How each logged table's row finds its document on PostgreSQL (the SQLite engine's `document` of LOGGED_TABLES). */
const DOCUMENT_OF: Readonly<Record<string, (r: string) => string>> = {
  documents: (r) => `${r}.id`,
  annotation_entities: (r) => viaAnnotation(r, 'annotation_id'),
  claim_links: (r) => viaAnnotation(r, 'annotation_id'),
  relations: (r) => viaAnnotation(r, 'from_annotation_id'),
  relation_roles: (r) => viaRelation(r, 'relation_id'),
  entities: () => 'NULL',
  propositions: () => 'NULL',
  labels: () => 'NULL',
  relation_types: () => 'NULL',
  collections: () => 'NULL',
  users: () => 'NULL',
};

/** A value as SQLite's json_object writes it: a JSON string, number or null. */
const jsonValue = (expr: string) => `coalesce(to_json(${expr})::text, 'null')`;

function functionFor(table: string, columns: readonly string[]): string {
  const t = LOGGED_TABLES.find((x) => x.table === table)!;
  const byDocumentId = !(table in DOCUMENT_OF);
  const documentOf = (r: string) => (byDocumentId ? `${r}.document_id` : DOCUMENT_OF[table]!(r));
  // As on SQLite: an inserted or deleted row leaves out what the entry holds already (its id, its document).
  const inEntry = new Set([...(t.key.length === 1 && t.key[0] === 'id' ? ['id'] : []), ...(byDocumentId ? ['document_id'] : [])]);
  const row = (r: string) => {
    const parts = columns.filter((c) => !inEntry.has(c)).map((c) => `${quoteString(JSON.stringify(c) + ':')} || ${jsonValue(`${r}.${quoteIdent(c)}`)}`);
    return parts.length ? `'{' || ${parts.join(` || ',' || `)} || '}'` : `'{}'`;
  };
  const key = (r: string) => t.key.map((k) => `coalesce(${r}.${quoteIdent(k)}::text, '')`).join(` || '/' || `);
  const entry = (op: string, r: string, before: string, after: string) =>
    `INSERT INTO change_log (at, actor, document_id, kind, object_id, op, before, after, via) VALUES ((extract(epoch FROM clock_timestamp()) * 1000)::bigint, coalesce(nullif(current_setting('gloss.actor', true), ''), 'unknown'), ${documentOf(r)}, ${quoteString(t.kind)}, ${key(r)}, '${op}', ${before}, ${after}, nullif(current_setting('gloss.via', true), ''));`;
  // An update keeps only the columns it changed, in the table's order.
  const changed = columns
    .map((c) => `    IF OLD.${quoteIdent(c)} IS DISTINCT FROM NEW.${quoteIdent(c)} THEN b := b || (${quoteString(JSON.stringify(c) + ':')} || ${jsonValue(`OLD.${quoteIdent(c)}`)}); a := a || (${quoteString(JSON.stringify(c) + ':')} || ${jsonValue(`NEW.${quoteIdent(c)}`)}); END IF;`)
    .join('\n');
  const parent = CASCADING_PARENTS[table];
  return `CREATE OR REPLACE FUNCTION ${quoteIdent(`gloss_log_${table}`)}() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE b text[] := '{}'; a text[] := '{}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${entry('insert', 'NEW', 'NULL', row('NEW'))}
  ELSIF TG_OP = 'DELETE' THEN
    ${entry('delete', 'OLD', row('OLD'), 'NULL')}
  ELSE
${changed}
    IF cardinality(a) = 0 THEN RETURN NULL; END IF;
    ${entry('update', 'NEW', `'{' || array_to_string(b, ',') || '}'`, `'{' || array_to_string(a, ',') || '}'`)}
  END IF;
  RETURN NULL;
END $fn$;
DROP TRIGGER IF EXISTS ${quoteIdent(`gloss_log_${table}`)} ON ${quoteIdent(table)};
CREATE TRIGGER ${quoteIdent(`gloss_log_${table}`)} AFTER INSERT OR UPDATE OR DELETE ON ${quoteIdent(table)} FOR EACH ROW EXECUTE FUNCTION ${quoteIdent(`gloss_log_${table}`)}();
${
  parent
    ? `CREATE OR REPLACE FUNCTION ${quoteIdent(`gloss_deleting_${table}`)}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM set_config(${deletingKey('OLD.id')}, coalesce(${parent()}, ''), true);
  RETURN OLD;
END $fn$;
DROP TRIGGER IF EXISTS ${quoteIdent(`gloss_deleting_${table}`)} ON ${quoteIdent(table)};
CREATE TRIGGER ${quoteIdent(`gloss_deleting_${table}`)} BEFORE DELETE ON ${quoteIdent(table)} FOR EACH ROW EXECUTE FUNCTION ${quoteIdent(`gloss_deleting_${table}`)}();`
    : ''
}`;
}

/** Serializes installs from servers opening the database at once (the migrations' lock is another). */
const INSTALL_LOCK = '7001002';

/**
 * Creates or refreshes the change log's triggers from the live catalog. Run
 * when a project opens, after the migrations; does nothing when they are
 * already what this build writes (a signature function holds their hash).
 */
export async function installPgChangeLog(db: Pick<pg.ClientBase, 'query'>): Promise<void> {
  const { rows } = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const sql: string[] = [];
  for (const t of LOGGED_TABLES) {
    const columns = rows.filter((r) => r.table_name === t.table && !ENGINE_COLUMNS.has(r.column_name) && !t.omit?.includes(r.column_name) && r.data_type !== 'bytea').map((r) => r.column_name);
    if (columns.length) sql.push(functionFor(t.table, columns));
  }
  if (!rows.some((r) => r.table_name === 'change_log')) return;
  // The undo journal's triggers go with the log's: one install, one lock, one signature.
  const keys = await db.query<{ table_name: string; key: string[] }>(TABLE_KEYS_SQL);
  sql.push(...undoJournalStatements(new Map(keys.rows.map((r) => [r.table_name, r.key]))));
  const signature = createHash('sha256').update(sql.join('\n')).digest('hex');
  // Read from the catalog, not by calling it: a call to a missing function would abort the transaction.
  const current = async () => {
    const found = await db.query<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE proname = 'gloss_change_log_signature'`);
    return /'([0-9a-f]{64})'/.exec(found.rows[0]?.src ?? '')?.[1];
  };
  if ((await current()) === signature) return;
  await db.query('BEGIN');
  try {
    await db.query(`SELECT pg_advisory_xact_lock(${INSTALL_LOCK})`);
    // Read again under the lock: another server may have just installed them.
    if ((await current()) !== signature) {
      await db.query(sql.join('\n'));
      await db.query(`CREATE OR REPLACE FUNCTION gloss_change_log_signature() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT ${quoteString(signature)}::text $$`);
    }
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Sets who makes the current transaction's changes, and through which API method or command, for the triggers. */
export async function setPgChangeContext(db: Queryable, context: { actor: string; via: string | null }): Promise<void> {
  await db.query(`SELECT set_config('gloss.actor', $1, true), set_config('gloss.via', coalesce($2, ''), true)`, [context.actor, context.via]);
}
