import type { Migration } from './migration.ts';

/**
 * What exchange formats need kept so that an imported corpus exports again as
 * it came:
 * - label and relation type names compare case-sensitively, as brat's do: a
 *   corpus's `PERSON` or `supports` is its own type, not the built-in
 *   `Person` or `Supports` (the tables are rebuilt, SQLite's way of changing
 *   a column's collation; the runner has foreign keys off and checks them
 *   before it commits);
 * - labels gain a parent (a code tree, as REFI-QDA has), a description and a
 *   guid (REFI-QDA's, kept across a round trip);
 * - relations gain attributes (brat allows `A1 Name R1`);
 * - `source_ids`: the ids a format gave a record (brat T/R/E/A/N/# ids,
 *   entity and proposition keys, Label Studio region and task ids, REFI-QDA
 *   guids), by scheme and owner, with what else the format carried there
 *   (`extra`, JSON) so that it can be written back. `owner` is the Gloss id
 *   of the record (annotation, relation, event, entity, proposition, label,
 *   document…); `part` tells apart several ids on one owner (an attribute,
 *   a claim link). Rows of a document go with it.
 */
export const migration005: Migration = {
  version: 5,
  name: 'exchange: case-sensitive type names, label tree, relation attributes, source ids',
  up(db) {
    db.exec(`
      CREATE TABLE labels_new (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('entity', 'claim', 'other')),
        color TEXT NOT NULL,
        hotkey TEXT,
        attributes TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL,
        parent_id TEXT REFERENCES labels(id) ON DELETE SET NULL,
        description TEXT NOT NULL DEFAULT '',
        guid TEXT
      );
      INSERT INTO labels_new (id, name, kind, color, hotkey, attributes, position)
        SELECT id, name, kind, color, hotkey, attributes, position FROM labels;
      DROP TABLE labels;
      ALTER TABLE labels_new RENAME TO labels;
      CREATE UNIQUE INDEX labels_by_hotkey ON labels(hotkey) WHERE hotkey IS NOT NULL;
      CREATE INDEX labels_by_parent ON labels(parent_id);

      CREATE TABLE relation_types_new (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        color TEXT NOT NULL,
        symmetric INTEGER NOT NULL DEFAULT 0 CHECK (symmetric IN (0, 1)),
        from_kinds TEXT NOT NULL DEFAULT '[]',
        to_kinds TEXT NOT NULL DEFAULT '[]',
        from_labels TEXT NOT NULL DEFAULT '[]',
        to_labels TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL
      );
      INSERT INTO relation_types_new SELECT id, name, color, symmetric, from_kinds, to_kinds, from_labels, to_labels, position FROM relation_types;
      DROP TABLE relation_types;
      ALTER TABLE relation_types_new RENAME TO relation_types;

      ALTER TABLE relations ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';  -- JSON: {name: string | true}

      CREATE TABLE source_ids (
        scheme TEXT NOT NULL,              -- 'brat', 'labelstudio', 'qdpx'
        owner TEXT NOT NULL,               -- the Gloss id of the record
        part TEXT NOT NULL DEFAULT '',     -- '' for the record itself; e.g. 'attr:Negation', 'claim:<proposition id>'
        source_id TEXT NOT NULL,
        document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
        extra TEXT,                        -- JSON: what the format carried that Gloss has no field for
        PRIMARY KEY (scheme, owner, part)
      );
      CREATE INDEX source_ids_by_document ON source_ids(document_id, scheme);
    `);
  },
};
