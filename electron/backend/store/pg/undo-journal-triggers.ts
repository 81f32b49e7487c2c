import { isJournaled } from '../undo-journal-triggers.ts';
import { quoteIdent, quoteString } from '../sql-quote.ts';

/**
 * The undo journal's recording side on PostgreSQL: one trigger function for
 * every journaled table (the key columns are its arguments), doing what the
 * SQLite engine's TEMP triggers do (store/undo-journal-triggers.ts). It reads
 * the step and client from the settings each transaction sets with its change
 * context (`gloss.step`, `gloss.client`; see sync/host.ts) and does nothing
 * without a step: a psql session, an import, the CLI. Installed with the
 * change log's triggers, under the same lock and signature.
 */

const JOURNAL_FUNCTION = `CREATE OR REPLACE FUNCTION gloss_undo_journal() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  step text := nullif(current_setting('gloss.step', true), '');
  o jsonb; n jsonb; b jsonb := '{}'; a jsonb := '{}'; k text; rekey boolean := false;
BEGIN
  IF step IS NULL THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' THEN
    o := to_jsonb(OLD); n := to_jsonb(NEW);
    IF o = n THEN RETURN NULL; END IF;
  END IF;
  INSERT INTO undo_steps (id, actor, client, via, at, log_id, state) VALUES (step, coalesce(nullif(current_setting('gloss.actor', true), ''), 'unknown'),
    coalesce(nullif(current_setting('gloss.client', true), ''), 'unknown'), nullif(current_setting('gloss.via', true), ''),
    (extract(epoch FROM clock_timestamp()) * 1000)::bigint, (SELECT coalesce(max(id), 0) FROM change_log), 'done') ON CONFLICT (id) DO NOTHING;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO undo_journal (step_id, table_name, op, before, after) VALUES (step, TG_TABLE_NAME, 'insert', NULL, to_jsonb(NEW)::text);
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO undo_journal (step_id, table_name, op, before, after) VALUES (step, TG_TABLE_NAME, 'delete', to_jsonb(OLD)::text, NULL);
  ELSE
    FOREACH k IN ARRAY TG_ARGV LOOP
      IF o->k IS DISTINCT FROM n->k THEN rekey := true; END IF;
    END LOOP;
    IF rekey THEN
      -- A row whose key changes is another row: a delete and an insert.
      INSERT INTO undo_journal (step_id, table_name, op, before, after) VALUES (step, TG_TABLE_NAME, 'delete', o::text, NULL);
      INSERT INTO undo_journal (step_id, table_name, op, before, after) VALUES (step, TG_TABLE_NAME, 'insert', NULL, n::text);
    ELSE
      FOR k IN SELECT jsonb_object_keys(n) LOOP
        IF k = ANY (TG_ARGV) OR o->k IS DISTINCT FROM n->k THEN
          b := b || jsonb_build_object(k, o->k);
          a := a || jsonb_build_object(k, n->k);
        END IF;
      END LOOP;
      INSERT INTO undo_journal (step_id, table_name, op, before, after) VALUES (step, TG_TABLE_NAME, 'update', b::text, a::text);
    END IF;
  END IF;
  RETURN NULL;
END $fn$;`;

/**
 * The statements that (re)create the journal's function and triggers, for
 * the tables in `keys` (table name to primary key columns).
 */
export function undoJournalStatements(keys: ReadonlyMap<string, readonly string[]>): string[] {
  if (!keys.has('undo_journal')) return [];
  const sql = [JOURNAL_FUNCTION];
  for (const [table, key] of [...keys].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!isJournaled(table) || !key.length) continue;
    const name = quoteIdent(`gloss_undo_${table}`);
    sql.push(`DROP TRIGGER IF EXISTS ${name} ON ${quoteIdent(table)};`);
    sql.push(`CREATE TRIGGER ${name} AFTER INSERT OR UPDATE OR DELETE ON ${quoteIdent(table)} FOR EACH ROW EXECUTE FUNCTION gloss_undo_journal(${key.map(quoteString).join(', ')});`);
  }
  return sql;
}

/** The catalog query for {@link undoJournalStatements}: each table of the schema with its primary key columns in order. */
export const TABLE_KEYS_SQL = `
  SELECT c.relname AS table_name, coalesce(array_agg(a.attname::text ORDER BY k.ord) FILTER (WHERE a.attname IS NOT NULL), ARRAY[]::text[]) AS key
  FROM pg_class c
  JOIN pg_namespace ns ON ns.oid = c.relnamespace AND ns.nspname = current_schema()
  LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
  LEFT JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
  WHERE c.relkind = 'r'
  GROUP BY c.relname`;
