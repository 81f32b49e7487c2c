import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '../../../../shared/index.ts';
import { nowIso, parseJson } from '../json.ts';
import type { Async } from '../repository.ts';
import type { StandoffStore, StoredEquivalence, StoredEvent, StoredNormalization, StoredNote } from '../standoff.ts';
import type { Queryable } from './documents.ts';

/**
 * Standoff records beyond Gloss's own model (events, equivalences,
 * normalizations, typed notes, relation roles) on PostgreSQL: the counterpart
 * of the SQLite engine's StandoffStore. A record's position is the next in its
 * document, computed in the insert: writers take turns (see the engine), so
 * two inserts never read the same maximum.
 */
export class PgStandoffStore implements Async<StandoffStore> {
  constructor(private readonly db: Queryable) {}

  async addEvent(e: Omit<StoredEvent, 'id'>, id: string = randomUUID()): Promise<string> {
    const now = nowIso();
    await this.db.query(
      `INSERT INTO events (id, document_id, type, trigger_id, args, attributes, note, position, created_at, modified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT coalesce(max(position), 0) + 1 FROM events WHERE document_id = $2), $8, $8)`,
      [id, e.documentId, e.type, e.triggerId, JSON.stringify(e.args), JSON.stringify(e.attributes), e.note, now],
    );
    return id;
  }

  async setEventArgs(id: string, args: StoredEvent['args']): Promise<void> {
    await this.db.query('UPDATE events SET args = $1 WHERE id = $2', [JSON.stringify(args), id]);
  }

  async events(documentId: string): Promise<StoredEvent[]> {
    const { rows } = await this.db.query<{ id: string; document_id: string; type: string; trigger_id: string; args: string; attributes: string; note: string }>(
      'SELECT id, document_id, type, trigger_id, args, attributes, note FROM events WHERE document_id = $1 ORDER BY position',
      [documentId],
    );
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

  async addEquivalence(q: Omit<StoredEquivalence, 'id'>): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      'INSERT INTO equivalences (id, document_id, type, members, position) VALUES ($1, $2, $3, $4, (SELECT coalesce(max(position), 0) + 1 FROM equivalences WHERE document_id = $2))',
      [id, q.documentId, q.type, JSON.stringify(q.members)],
    );
    return id;
  }

  async equivalences(documentId: string): Promise<StoredEquivalence[]> {
    const { rows } = await this.db.query<{ id: string; document_id: string; type: string; members: string }>('SELECT id, document_id, type, members FROM equivalences WHERE document_id = $1 ORDER BY position', [documentId]);
    return rows.map((r) => ({ id: r.id, documentId: r.document_id, type: r.type, members: parseJson<string[]>(r.members) }));
  }

  async addNormalization(n: Omit<StoredNormalization, 'id'>): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO normalizations (id, document_id, target_id, type, resource, external_id, text, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT coalesce(max(position), 0) + 1 FROM normalizations WHERE document_id = $2))`,
      [id, n.documentId, n.targetId, n.type, n.resource, n.externalId, n.text],
    );
    return id;
  }

  async normalizations(documentId: string): Promise<StoredNormalization[]> {
    const { rows } = await this.db.query<{ id: string; document_id: string; target_id: string; type: string; resource: string; external_id: string; text: string }>(
      'SELECT id, document_id, target_id, type, resource, external_id, text FROM normalizations WHERE document_id = $1 ORDER BY position',
      [documentId],
    );
    return rows.map((r) => ({ id: r.id, documentId: r.document_id, targetId: r.target_id, type: r.type, resource: r.resource, externalId: r.external_id, text: r.text }));
  }

  async addNote(n: Omit<StoredNote, 'id'>): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO standoff_notes (id, document_id, target_id, type, text, position)
       VALUES ($1, $2, $3, $4, $5, (SELECT coalesce(max(position), 0) + 1 FROM standoff_notes WHERE document_id = $2))`,
      [id, n.documentId, n.targetId, n.type, n.text],
    );
    return id;
  }

  async notes(documentId: string): Promise<StoredNote[]> {
    const { rows } = await this.db.query<{ id: string; document_id: string; target_id: string; type: string; text: string }>(
      'SELECT id, document_id, target_id, type, text FROM standoff_notes WHERE document_id = $1 ORDER BY position',
      [documentId],
    );
    return rows.map((r) => ({ id: r.id, documentId: r.document_id, targetId: r.target_id, type: r.type, text: r.text }));
  }

  async setRelationRoles(relationId: string, fromRole: string, toRole: string): Promise<void> {
    await this.db.query(
      'INSERT INTO relation_roles (relation_id, from_role, to_role) VALUES ($1, $2, $3) ON CONFLICT (relation_id) DO UPDATE SET from_role = excluded.from_role, to_role = excluded.to_role',
      [relationId, fromRole, toRole],
    );
  }

  async relationRoles(relationIds: readonly string[]): Promise<Map<string, { fromRole: string; toRole: string }>> {
    const out = new Map<string, { fromRole: string; toRole: string }>();
    if (!relationIds.length) return out;
    const { rows } = await this.db.query<{ relation_id: string; from_role: string; to_role: string }>('SELECT relation_id, from_role, to_role FROM relation_roles WHERE relation_id = ANY($1)', [relationIds]);
    for (const r of rows) out.set(r.relation_id, { fromRole: r.from_role, toRole: r.to_role });
    return out;
  }
}
