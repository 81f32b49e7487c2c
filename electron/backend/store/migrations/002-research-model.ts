import { randomUUID } from 'node:crypto';
import type { Migration } from './migration.ts';

// The default relation types as of this migration, copied rather than
// imported: a released migration must not change when the defaults do.
const SEED: readonly { name: string; color: string; symmetric: boolean; fromKinds: string[]; toKinds: string[] }[] = [
  { name: 'Represents', color: '#4e79a7', symmetric: false, fromKinds: ['entity'], toKinds: ['entity'] },
  { name: 'Says', color: '#f28e2b', symmetric: false, fromKinds: ['entity'], toKinds: ['claim'] },
  { name: 'Supports', color: '#59a14f', symmetric: false, fromKinds: [], toKinds: ['claim'] },
  { name: 'Contradicts', color: '#e15759', symmetric: true, fromKinds: ['claim'], toKinds: ['claim'] },
];

/**
 * The research model: an entity registry with links from mentions,
 * propositions with claim links and document stances, and typed relations
 * between annotations. Seeds the default relation types.
 */
export const migration002: Migration = {
  version: 2,
  name: 'entities, propositions, claims, stances and relations',
  up(db) {
    db.exec(`
      CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL DEFAULT '',
        aliases TEXT NOT NULL DEFAULT '[]',   -- JSON: string[]
        external_id TEXT,                     -- e.g. a Wikidata QID
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        modified_at TEXT NOT NULL
      );
      CREATE INDEX entities_by_name ON entities(name COLLATE NOCASE);

      -- A mention (annotation) refers to at most one entity.
      CREATE TABLE annotation_entities (
        annotation_id TEXT PRIMARY KEY REFERENCES annotations(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE
      );
      CREATE INDEX annotation_entities_by_entity ON annotation_entities(entity_id);

      CREATE TABLE propositions (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        text_key TEXT NOT NULL UNIQUE,        -- folded text: one proposition per statement
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        modified_at TEXT NOT NULL
      );

      CREATE TABLE claim_links (
        id TEXT PRIMARY KEY,
        annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        proposition_id TEXT NOT NULL REFERENCES propositions(id) ON DELETE CASCADE,
        stance TEXT NOT NULL,
        attribution_entity_id TEXT REFERENCES entities(id) ON DELETE SET NULL,
        attribution_text TEXT NOT NULL DEFAULT '',
        hedged INTEGER NOT NULL DEFAULT 0 CHECK (hedged IN (0, 1)),
        reported INTEGER NOT NULL DEFAULT 0 CHECK (reported IN (0, 1)),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        modified_at TEXT NOT NULL,
        UNIQUE (annotation_id, proposition_id)
      );
      CREATE INDEX claim_links_by_proposition ON claim_links(proposition_id);
      CREATE INDEX claim_links_by_attribution ON claim_links(attribution_entity_id) WHERE attribution_entity_id IS NOT NULL;

      CREATE TABLE document_stances (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        proposition_id TEXT NOT NULL REFERENCES propositions(id) ON DELETE CASCADE,
        stance TEXT NOT NULL,
        justification TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        modified_at TEXT NOT NULL,
        UNIQUE (document_id, proposition_id)
      );
      CREATE INDEX document_stances_by_proposition ON document_stances(proposition_id);

      CREATE TABLE relation_types (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        color TEXT NOT NULL,
        symmetric INTEGER NOT NULL DEFAULT 0 CHECK (symmetric IN (0, 1)),
        from_kinds TEXT NOT NULL DEFAULT '[]',   -- JSON: LabelKind[]; empty allows any
        to_kinds TEXT NOT NULL DEFAULT '[]',
        from_labels TEXT NOT NULL DEFAULT '[]',  -- JSON: label ids; empty allows any
        to_labels TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL
      );

      CREATE TABLE relations (
        id TEXT PRIMARY KEY,
        type_id TEXT NOT NULL REFERENCES relation_types(id) ON DELETE RESTRICT,
        from_annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        to_annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        modified_at TEXT NOT NULL,
        CHECK (from_annotation_id <> to_annotation_id)
      );
      CREATE INDEX relations_by_from ON relations(from_annotation_id);
      CREATE INDEX relations_by_to ON relations(to_annotation_id);
      CREATE INDEX relations_by_type ON relations(type_id);
    `);
    const insert = db.prepare(
      `INSERT INTO relation_types (id, name, color, symmetric, from_kinds, to_kinds, from_labels, to_labels, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [i, t] of SEED.entries()) {
      insert.run(randomUUID(), t.name, t.color, t.symmetric ? 1 : 0, JSON.stringify(t.fromKinds), JSON.stringify(t.toKinds), '[]', '[]', i + 1);
    }
  },
};
