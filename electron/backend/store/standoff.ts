import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { nowIso, parseJson } from './json.ts';
import { cachedStatement } from './statements.ts';

// Standoff records beyond Gloss's own model (migration 004): events,
// equivalences, normalizations, typed notes and relation roles. Written by
// importers and read by exporters; references are ids of annotations, events
// or relations in the same document.

export interface StoredEvent {
  id: string;
  documentId: string;
  type: string;
  triggerId: string;
  args: { role: string; ref: string }[];
  attributes: Record<string, AttributeValue>;
  note: string;
}

export interface StoredEquivalence {
  id: string;
  documentId: string;
  type: string;
  members: string[];
}

export interface StoredNormalization {
  id: string;
  documentId: string;
  targetId: string;
  type: string;
  resource: string;
  externalId: string;
  text: string;
}

export interface StoredNote {
  id: string;
  documentId: string;
  targetId: string;
  type: string;
  text: string;
}

/** Reads and writes the standoff extras of documents. */
export class StandoffStore {
  constructor(private readonly db: Db) {}

  addEvent(e: Omit<StoredEvent, 'id'>, id: string = randomUUID()): string {
    const now = nowIso();
    this.db
      .prepare(
        `INSERT INTO events (id, document_id, type, trigger_id, args, attributes, note, position, created_at, modified_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM events WHERE document_id = ?), ?, ?)`,
      )
      .run(id, e.documentId, e.type, e.triggerId, JSON.stringify(e.args), JSON.stringify(e.attributes), e.note, e.documentId, now, now);
    return id;
  }

  /** Sets an event's arguments once every event of its document has an id (arguments may be events). */
  setEventArgs(id: string, args: StoredEvent['args']): void {
    this.db.prepare('UPDATE events SET args = ? WHERE id = ?').run(JSON.stringify(args), id);
  }

  events(documentId: string): StoredEvent[] {
    const rows = cachedStatement(this.db, 'SELECT * FROM events WHERE document_id = ? ORDER BY position').all(documentId) as {
      id: string;
      document_id: string;
      type: string;
      trigger_id: string;
      args: string;
      attributes: string;
      note: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      type: r.type,
      triggerId: r.trigger_id,
      args: parseJson<StoredEvent['args']>(r.args),
      attributes: parseJson<Record<string, AttributeValue>>(r.attributes),
      note: r.note,
    }));
  }

  addEquivalence(q: Omit<StoredEquivalence, 'id'>): string {
    const id = randomUUID();
    this.db
      .prepare(`INSERT INTO equivalences (id, document_id, type, members, position) VALUES (?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM equivalences WHERE document_id = ?))`)
      .run(id, q.documentId, q.type, JSON.stringify(q.members), q.documentId);
    return id;
  }

  equivalences(documentId: string): StoredEquivalence[] {
    const rows = cachedStatement(this.db, 'SELECT * FROM equivalences WHERE document_id = ? ORDER BY position').all(documentId) as { id: string; document_id: string; type: string; members: string }[];
    return rows.map((r) => ({ id: r.id, documentId: r.document_id, type: r.type, members: parseJson<string[]>(r.members) }));
  }

  addNormalization(n: Omit<StoredNormalization, 'id'>): string {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO normalizations (id, document_id, target_id, type, resource, external_id, text, position)
         VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM normalizations WHERE document_id = ?))`,
      )
      .run(id, n.documentId, n.targetId, n.type, n.resource, n.externalId, n.text, n.documentId);
    return id;
  }

  normalizations(documentId: string): StoredNormalization[] {
    const rows = cachedStatement(this.db, 'SELECT * FROM normalizations WHERE document_id = ? ORDER BY position').all(documentId) as {
      id: string;
      document_id: string;
      target_id: string;
      type: string;
      resource: string;
      external_id: string;
      text: string;
    }[];
    return rows.map((r) => ({ id: r.id, documentId: r.document_id, targetId: r.target_id, type: r.type, resource: r.resource, externalId: r.external_id, text: r.text }));
  }

  addNote(n: Omit<StoredNote, 'id'>): string {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO standoff_notes (id, document_id, target_id, type, text, position)
         VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM standoff_notes WHERE document_id = ?))`,
      )
      .run(id, n.documentId, n.targetId, n.type, n.text, n.documentId);
    return id;
  }

  notes(documentId: string): StoredNote[] {
    const rows = cachedStatement(this.db, 'SELECT * FROM standoff_notes WHERE document_id = ? ORDER BY position').all(documentId) as {
      id: string;
      document_id: string;
      target_id: string;
      type: string;
      text: string;
    }[];
    return rows.map((r) => ({ id: r.id, documentId: r.document_id, targetId: r.target_id, type: r.type, text: r.text }));
  }

  setRelationRoles(relationId: string, fromRole: string, toRole: string): void {
    this.db
      .prepare('INSERT INTO relation_roles (relation_id, from_role, to_role) VALUES (?, ?, ?) ON CONFLICT(relation_id) DO UPDATE SET from_role = excluded.from_role, to_role = excluded.to_role')
      .run(relationId, fromRole, toRole);
  }

  /** Roles of the relations that have them, by relation id. */
  relationRoles(relationIds: readonly string[]): Map<string, { fromRole: string; toRole: string }> {
    const out = new Map<string, { fromRole: string; toRole: string }>();
    if (!relationIds.length) return out;
    const rows = cachedStatement(this.db, 'SELECT * FROM relation_roles WHERE relation_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(relationIds)) as {
      relation_id: string;
      from_role: string;
      to_role: string;
    }[];
    for (const r of rows) out.set(r.relation_id, { fromRole: r.from_role, toRole: r.to_role });
    return out;
  }
}
