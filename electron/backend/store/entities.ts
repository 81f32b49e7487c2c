import { randomUUID } from 'node:crypto';
import {
  GlossError,
  type DocumentRef,
  type Entity,
  type EntityLink,
  type EntityMention,
  type EntitySearchHit,
  type EntitySnapshot,
  type EntitySummary,
} from '../../../shared/index.ts';
import { bestFormScore } from '../research/fuzzy.ts';
import type { AnnotationStore } from './annotations.ts';
import type { Db } from './database.ts';
import { nowIso, parseJson } from './json.ts';
import { cachedStatement } from './statements.ts';

/** A row of `entities`, as both engines return it. */
export interface EntityRow {
  id: string;
  name: string;
  type: string;
  aliases: string;
  external_id: string | null;
  description: string;
  created_at: string;
  modified_at: string;
}

/** The editable fields of an entity. */
export interface EntityFields {
  name: string;
  type: string;
  aliases: string[];
  externalId: string | null;
  description: string;
}

/** A link with what it replaced, so that undo can put it back. */
export interface LinkChange extends EntityLink {
  previousEntityId: string | null;
}

/** The project-wide entity registry and the links from mentions (annotations) to entities. */
export class EntityStore {
  constructor(
    private readonly db: Db,
    private readonly annotations: AnnotationStore,
  ) {}

  get(id: string): Entity {
    const row = this.db.prepare('SELECT * FROM entities WHERE id = ?').get(id) as EntityRow | undefined;
    if (!row) throw new GlossError('not_found', `no entity with id ${id}`);
    return toEntity(row);
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM entities WHERE id = ?').get(id) !== undefined;
  }

  /** Every entity with mention counts, most mentioned first; with `documentId`, only those the document mentions. */
  list(documentId?: string): EntitySummary[] {
    const entities = (this.db.prepare('SELECT * FROM entities ORDER BY name COLLATE NOCASE, rowid').all() as EntityRow[]).map(toEntity);
    const counts = this.countsByEntity();
    const out = entities.map((entity) => summarize(entity, counts.get(entity.id) ?? []));
    const filtered = documentId ? out.filter((s) => s.documents.some((d) => d.document.id === documentId)) : out;
    return filtered.sort((a, b) => b.mentionCount - a.mentionCount || a.entity.name.localeCompare(b.entity.name));
  }

  summary(id: string): EntitySummary {
    return summarize(this.get(id), this.countsByEntity(id).get(id) ?? []);
  }

  /** Fuzzy search over names and aliases; an empty query lists the most mentioned entities. */
  search(query: string, limit = 20): EntitySearchHit[] {
    const all = this.list();
    if (!query.trim()) return all.slice(0, limit).map((entity) => ({ entity, matched: entity.entity.name, score: 1 }));
    const hits: EntitySearchHit[] = [];
    for (const s of all) {
      const { score, matched } = bestFormScore(query, s.entity.name, s.entity.aliases);
      if (score > 0) hits.push({ entity: s, matched, score: Math.round(score * 1000) / 1000 });
    }
    hits.sort((a, b) => b.score - a.score || b.entity.mentionCount - a.entity.mentionCount || a.entity.entity.name.localeCompare(b.entity.entity.name));
    return hits.slice(0, limit);
  }

  create(fields: EntityFields, options: { id?: string; createdAt?: string; modifiedAt?: string } = {}): Entity {
    const id = options.id ?? randomUUID();
    if (this.exists(id)) throw new GlossError('conflict', `an entity with id ${id} already exists`);
    const clean = cleanFields(fields);
    const now = nowIso();
    this.db
      .prepare(
        `INSERT INTO entities (id, name, type, aliases, external_id, description, created_at, modified_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, clean.name, clean.type, JSON.stringify(clean.aliases), clean.externalId, clean.description, options.createdAt ?? now, options.modifiedAt ?? now);
    return this.get(id);
  }

  update(id: string, changes: Partial<EntityFields>): Entity {
    const cur = this.get(id);
    const next = cleanFields({
      name: changes.name ?? cur.name,
      type: changes.type ?? cur.type,
      aliases: changes.aliases ?? cur.aliases,
      externalId: changes.externalId !== undefined ? changes.externalId : cur.externalId,
      description: changes.description ?? cur.description,
    });
    this.db
      .prepare('UPDATE entities SET name = ?, type = ?, aliases = ?, external_id = ?, description = ?, modified_at = ? WHERE id = ?')
      .run(next.name, next.type, JSON.stringify(next.aliases), next.externalId, next.description, nowIso(), id);
    return this.get(id);
  }

  /** Deletes the entity; its mentions are unlinked and attributions to it cleared. Returns what undo needs. */
  delete(id: string): EntitySnapshot {
    const snapshot = this.snapshot(id);
    this.db.prepare('DELETE FROM entities WHERE id = ?').run(id);
    return snapshot;
  }

  snapshot(id: string): EntitySnapshot {
    const entity = this.get(id);
    const annotationIds = (this.db.prepare('SELECT annotation_id FROM annotation_entities WHERE entity_id = ? ORDER BY rowid').all(id) as { annotation_id: string }[]).map(
      (r) => r.annotation_id,
    );
    const attributedClaimIds = (this.db.prepare('SELECT id FROM claim_links WHERE attribution_entity_id = ? ORDER BY rowid').all(id) as { id: string }[]).map((r) => r.id);
    return { entity, annotationIds, attributedClaimIds };
  }

  /**
   * Puts an entity back as it was: its fields (under its id), the links from
   * its mentions (replacing any link they have now) and the attributions.
   * Mentions or claims deleted since are skipped.
   */
  restore(snapshot: EntitySnapshot): Entity {
    const e = snapshot.entity;
    const fields = { name: e.name, type: e.type, aliases: e.aliases, externalId: e.externalId, description: e.description };
    if (this.exists(e.id)) {
      const clean = cleanFields(fields);
      this.db
        .prepare('UPDATE entities SET name = ?, type = ?, aliases = ?, external_id = ?, description = ?, modified_at = ? WHERE id = ?')
        .run(clean.name, clean.type, JSON.stringify(clean.aliases), clean.externalId, clean.description, e.modifiedAt, e.id);
    } else this.create(fields, { id: e.id, createdAt: e.createdAt, modifiedAt: e.modifiedAt });
    const link = this.db.prepare(
      `INSERT INTO annotation_entities (annotation_id, entity_id) SELECT id, ? FROM annotations WHERE id = ?
       ON CONFLICT(annotation_id) DO UPDATE SET entity_id = excluded.entity_id`,
    );
    for (const a of snapshot.annotationIds) link.run(e.id, a);
    const attribute = this.db.prepare('UPDATE claim_links SET attribution_entity_id = ? WHERE id = ?');
    for (const c of snapshot.attributedClaimIds) attribute.run(e.id, c);
    return this.get(e.id);
  }

  /** Moves the sources' mentions and attributions to the target, adds their names as aliases, and deletes them. */
  merge(targetId: string, sourceIds: readonly string[]): { entity: Entity; previous: Entity; merged: EntitySnapshot[] } {
    const previous = this.get(targetId);
    const sources = [...new Set(sourceIds)];
    if (sources.includes(targetId)) throw new GlossError('validation', 'an entity cannot be merged into itself');
    const merged = sources.map((id) => this.snapshot(id));
    const aliases = [...previous.aliases];
    for (const { entity } of merged) aliases.push(entity.name, ...entity.aliases);
    for (const { entity } of merged) {
      this.db.prepare('UPDATE annotation_entities SET entity_id = ? WHERE entity_id = ?').run(targetId, entity.id);
      this.db.prepare('UPDATE claim_links SET attribution_entity_id = ? WHERE attribution_entity_id = ?').run(targetId, entity.id);
      this.db.prepare('DELETE FROM entities WHERE id = ?').run(entity.id);
    }
    const entity = this.update(targetId, {
      aliases,
      externalId: previous.externalId ?? merged.find((m) => m.entity.externalId)?.entity.externalId ?? null,
      description: previous.description || merged.find((m) => m.entity.description)?.entity.description || '',
      type: previous.type || merged.find((m) => m.entity.type)?.entity.type || '',
    });
    return { entity, previous, merged };
  }

  /** The oldest entity with this external id (e.g. a Wikidata QID), if any. */
  findByExternalId(externalId: string): string | undefined {
    return (this.db.prepare('SELECT id FROM entities WHERE external_id = ? ORDER BY rowid LIMIT 1').get(externalId) as { id: string } | undefined)?.id;
  }

  /** The oldest entity with exactly this name and type, if any. */
  findByNameAndType(name: string, type: string): string | undefined {
    return (this.db.prepare('SELECT id FROM entities WHERE name = ? AND type = ? ORDER BY rowid LIMIT 1').get(name, type) as { id: string } | undefined)?.id;
  }

  /** The entity a mention is linked to, if any. */
  entityOf(annotationId: string): string | null {
    const row = this.db.prepare('SELECT entity_id FROM annotation_entities WHERE annotation_id = ?').get(annotationId) as { entity_id: string } | undefined;
    return row?.entity_id ?? null;
  }

  /** Sets or clears links; the caller checks that annotations and entities exist. */
  link(links: readonly EntityLink[]): LinkChange[] {
    const set = this.db.prepare(
      `INSERT INTO annotation_entities (annotation_id, entity_id) VALUES (?, ?)
       ON CONFLICT(annotation_id) DO UPDATE SET entity_id = excluded.entity_id`,
    );
    const clear = this.db.prepare('DELETE FROM annotation_entities WHERE annotation_id = ?');
    return links.map(({ annotationId, entityId }) => {
      const previousEntityId = this.entityOf(annotationId);
      if (entityId) set.run(annotationId, entityId);
      else clear.run(annotationId);
      return { annotationId, entityId, previousEntityId };
    });
  }

  linksByDocument(documentId: string): { links: EntityLink[]; entities: Entity[] } {
    const links = cachedStatement(
      this.db,
      `SELECT ae.annotation_id AS annotationId, ae.entity_id AS entityId FROM annotation_entities ae
       JOIN annotations a ON a.id = ae.annotation_id WHERE a.document_id = ? ORDER BY a.start_offset, a.rowid`,
    ).all(documentId) as EntityLink[];
    const ids = [...new Set(links.map((l) => l.entityId!))];
    return { links, entities: ids.map((id) => this.get(id)) };
  }

  /** Mentions in library and reading order. */
  mentions(entityId: string, documentId?: string): EntityMention[] {
    this.get(entityId);
    const rows = this.db
      .prepare(
        `SELECT a.id, d.id AS documentId, d.name, d.title FROM annotation_entities ae
         JOIN annotations a ON a.id = ae.annotation_id JOIN documents d ON d.id = a.document_id
         WHERE ae.entity_id = ? AND (? IS NULL OR d.id = ?)
         ORDER BY d.created_at, d.rowid, a.start_offset, a.rowid`,
      )
      .all(entityId, documentId ?? null, documentId ?? null) as { id: string; documentId: string; name: string; title: string }[];
    return rows.map((r) => ({ annotation: this.annotations.get(r.id), document: { id: r.documentId, name: r.name, title: r.title } }));
  }

  /** The label most of the entity's mentions carry, if it has any. */
  commonLabel(entityId: string): string | undefined {
    const row = this.db
      .prepare(
        `SELECT a.label_id FROM annotation_entities ae JOIN annotations a ON a.id = ae.annotation_id
         WHERE ae.entity_id = ? GROUP BY a.label_id ORDER BY count(*) DESC, min(a.rowid) LIMIT 1`,
      )
      .get(entityId) as { label_id: string } | undefined;
    return row?.label_id;
  }

  private countsByEntity(entityId?: string): Map<string, { document: DocumentRef; count: number }[]> {
    const rows = this.db
      .prepare(
        `SELECT ae.entity_id, d.id, d.name, d.title, count(*) AS n FROM annotation_entities ae
         JOIN annotations a ON a.id = ae.annotation_id JOIN documents d ON d.id = a.document_id
         WHERE (? IS NULL OR ae.entity_id = ?)
         GROUP BY ae.entity_id, d.id ORDER BY d.created_at, d.rowid`,
      )
      .all(entityId ?? null, entityId ?? null) as { entity_id: string; id: string; name: string; title: string; n: number }[];
    const out = new Map<string, { document: DocumentRef; count: number }[]>();
    for (const r of rows) {
      let list = out.get(r.entity_id);
      if (!list) out.set(r.entity_id, (list = []));
      list.push({ document: { id: r.id, name: r.name, title: r.title }, count: r.n });
    }
    return out;
  }
}

/** Trimmed fields; aliases without blanks, duplicates or the name itself. */
export function cleanFields(f: EntityFields): EntityFields {
  const name = f.name.trim();
  if (!name) throw new GlossError('validation', 'an entity needs a name');
  const aliases: string[] = [];
  for (const a of f.aliases.map((s) => s.trim())) if (a && a !== name && !aliases.includes(a)) aliases.push(a);
  const externalId = f.externalId?.trim() || null;
  return { name, type: f.type.trim(), aliases, externalId, description: f.description };
}

/** An entity with its mention counts per document. */
export function summarize(entity: Entity, documents: { document: DocumentRef; count: number }[]): EntitySummary {
  return { entity, mentionCount: documents.reduce((n, d) => n + d.count, 0), documents };
}

/** An entity row as the model has it. */
export function toEntity(r: EntityRow): Entity {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    aliases: parseJson<string[]>(r.aliases),
    externalId: r.external_id,
    description: r.description,
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
  };
}
