import type { Migration } from './migration.ts';

/**
 * What brat and other standoff formats hold beyond Gloss's own model, so that
 * an imported corpus exports again as it came: events (a trigger annotation
 * and role-labelled arguments), equivalence sets, normalizations that are not
 * entity or proposition links, typed notes (brat `#` lines other than a
 * record's own note), and relation argument roles other than Arg1/Arg2.
 * References to annotations, events and relations that are not foreign keys
 * (JSON members, polymorphic targets) are cleaned up by triggers.
 */
export const migration004: Migration = {
  version: 4,
  name: 'interop extras: events, equivalences, normalizations, typed notes, relation roles',
  up(db) {
    db.exec(`
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        trigger_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        args TEXT NOT NULL DEFAULT '[]',        -- JSON: [{role, ref}], ref an annotation or event id
        attributes TEXT NOT NULL DEFAULT '{}',  -- JSON: {name: string | true}
        note TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        modified_at TEXT NOT NULL
      );
      CREATE INDEX events_by_document ON events(document_id, position);
      CREATE INDEX events_by_trigger ON events(trigger_id);

      CREATE TABLE equivalences (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        members TEXT NOT NULL,                  -- JSON: annotation or event ids
        position INTEGER NOT NULL
      );
      CREATE INDEX equivalences_by_document ON equivalences(document_id, position);

      CREATE TABLE normalizations (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        target_id TEXT NOT NULL,                -- an annotation, event or relation id
        type TEXT NOT NULL,
        resource TEXT NOT NULL,
        external_id TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL
      );
      CREATE INDEX normalizations_by_document ON normalizations(document_id, position);
      CREATE INDEX normalizations_by_target ON normalizations(target_id);

      CREATE TABLE standoff_notes (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        target_id TEXT NOT NULL,                -- an annotation, event or relation id
        type TEXT NOT NULL,
        text TEXT NOT NULL,
        position INTEGER NOT NULL
      );
      CREATE INDEX standoff_notes_by_document ON standoff_notes(document_id, position);
      CREATE INDEX standoff_notes_by_target ON standoff_notes(target_id);

      CREATE TABLE relation_roles (
        relation_id TEXT PRIMARY KEY REFERENCES relations(id) ON DELETE CASCADE,
        from_role TEXT NOT NULL,
        to_role TEXT NOT NULL
      );

      CREATE TRIGGER standoff_annotation_deleted AFTER DELETE ON annotations BEGIN
        DELETE FROM normalizations WHERE target_id = old.id;
        DELETE FROM standoff_notes WHERE target_id = old.id;
      END;
      CREATE TRIGGER standoff_event_deleted AFTER DELETE ON events BEGIN
        DELETE FROM normalizations WHERE target_id = old.id;
        DELETE FROM standoff_notes WHERE target_id = old.id;
      END;
      CREATE TRIGGER standoff_relation_deleted AFTER DELETE ON relations BEGIN
        DELETE FROM normalizations WHERE target_id = old.id;
        DELETE FROM standoff_notes WHERE target_id = old.id;
      END;
    `);
  },
};
