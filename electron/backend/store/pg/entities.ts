import { randomUUID } from 'node:crypto';
import { GlossError, type DocumentRef, type Entity, type EntityLink, type EntityMention, type EntitySearchHit, type EntitySnapshot, type EntitySummary } from '../../../../shared/index.ts';
import { bestFormScore } from '../../research/fuzzy.ts';
import { cleanFields, summarize, toEntity, type EntityFields, type EntityRow, type EntityStore, type LinkChange } from '../entities.ts';
import { nowIso } from '../json.ts';
import type { Async } from '../repository.ts';
import { PgAnnotationStore } from './annotations.ts';
import type { Queryable } from './documents.ts';
import { exec, nocase, row, rows } from './query.ts';
import { inTransaction } from './transaction.ts';

const LINK = `INSERT INTO annotation_entities (annotation_id, entity_id) VALUES ($1, $2)
  ON CONFLICT (annotation_id) DO UPDATE SET entity_id = excluded.entity_id`;

/**
 * The entity registry and mention links on PostgreSQL: the counterpart of
 * the SQLite engine's EntityStore, with the same rules and shapes. Restores,
 * merges and link batches run in one transaction.
 */
export class PgEntityStore implements Async<EntityStore> {
  private readonly annotations: PgAnnotationStore;

  constructor(private readonly db: Queryable) {
    this.annotations = new PgAnnotationStore(db);
  }

  async get(id: string): Promise<Entity> {
    const r = await row<EntityRow>(this.db, 'SELECT * FROM entities WHERE id = $1', [id]);
    if (!r) throw new GlossError('not_found', `no entity with id ${id}`);
    return toEntity(r);
  }

  async exists(id: string): Promise<boolean> {
    return (await row(this.db, 'SELECT 1 FROM entities WHERE id = $1', [id])) !== undefined;
  }

  async list(documentId?: string): Promise<EntitySummary[]> {
    // SQLite's `name COLLATE NOCASE`: the tie order the sort below keeps.
    const entities = (await rows<EntityRow>(this.db, `SELECT * FROM entities ORDER BY ${nocase('name')}, seq`)).map(toEntity);
    const counts = await this.countsByEntity();
    const out = entities.map((entity) => summarize(entity, counts.get(entity.id) ?? []));
    const filtered = documentId ? out.filter((s) => s.documents.some((d) => d.document.id === documentId)) : out;
    return filtered.sort((a, b) => b.mentionCount - a.mentionCount || a.entity.name.localeCompare(b.entity.name));
  }

  async summary(id: string): Promise<EntitySummary> {
    return summarize(await this.get(id), (await this.countsByEntity(id)).get(id) ?? []);
  }

  async search(query: string, limit = 20): Promise<EntitySearchHit[]> {
    const all = await this.list();
    if (!query.trim()) return all.slice(0, limit).map((entity) => ({ entity, matched: entity.entity.name, score: 1 }));
    const hits: EntitySearchHit[] = [];
    for (const s of all) {
      const { score, matched } = bestFormScore(query, s.entity.name, s.entity.aliases);
      if (score > 0) hits.push({ entity: s, matched, score: Math.round(score * 1000) / 1000 });
    }
    hits.sort((a, b) => b.score - a.score || b.entity.mentionCount - a.entity.mentionCount || a.entity.entity.name.localeCompare(b.entity.entity.name));
    return hits.slice(0, limit);
  }

  async create(fields: EntityFields, options: { id?: string; createdAt?: string; modifiedAt?: string } = {}): Promise<Entity> {
    const id = options.id ?? randomUUID();
    if (await this.exists(id)) throw new GlossError('conflict', `an entity with id ${id} already exists`);
    const clean = cleanFields(fields);
    const now = nowIso();
    await exec(
      this.db,
      `INSERT INTO entities (id, name, type, aliases, external_id, description, created_at, modified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, clean.name, clean.type, JSON.stringify(clean.aliases), clean.externalId, clean.description, options.createdAt ?? now, options.modifiedAt ?? now],
    );
    return this.get(id);
  }

  async update(id: string, changes: Partial<EntityFields>): Promise<Entity> {
    const cur = await this.get(id);
    const next = cleanFields({
      name: changes.name ?? cur.name,
      type: changes.type ?? cur.type,
      aliases: changes.aliases ?? cur.aliases,
      externalId: changes.externalId !== undefined ? changes.externalId : cur.externalId,
      description: changes.description ?? cur.description,
    });
    await this.write(this.db, id, next, nowIso());
    return this.get(id);
  }

  async delete(id: string): Promise<EntitySnapshot> {
    const snapshot = await this.snapshot(id);
    await exec(this.db, 'DELETE FROM entities WHERE id = $1', [id]);
    return snapshot;
  }

  async snapshot(id: string): Promise<EntitySnapshot> {
    const entity = await this.get(id);
    const annotationIds = (await rows<{ annotation_id: string }>(this.db, 'SELECT annotation_id FROM annotation_entities WHERE entity_id = $1 ORDER BY seq', [id])).map((r) => r.annotation_id);
    const attributedClaimIds = (await rows<{ id: string }>(this.db, 'SELECT id FROM claim_links WHERE attribution_entity_id = $1 ORDER BY seq', [id])).map((r) => r.id);
    return { entity, annotationIds, attributedClaimIds };
  }

  /** Puts an entity back as it was, with its mention links and attributions, in one transaction. */
  async restore(snapshot: EntitySnapshot): Promise<Entity> {
    return inTransaction(this.db, async (db) => {
      const self = this.on(db);
      const e = snapshot.entity;
      const fields = { name: e.name, type: e.type, aliases: e.aliases, externalId: e.externalId, description: e.description };
      if (await self.exists(e.id)) await self.write(db, e.id, cleanFields(fields), e.modifiedAt);
      else await self.create(fields, { id: e.id, createdAt: e.createdAt, modifiedAt: e.modifiedAt });
      for (const a of snapshot.annotationIds) {
        // Mentions deleted since are skipped: the link is made only from an annotation that exists.
        await exec(
          db,
          `INSERT INTO annotation_entities (annotation_id, entity_id) SELECT id, $1 FROM annotations WHERE id = $2
           ON CONFLICT (annotation_id) DO UPDATE SET entity_id = excluded.entity_id`,
          [e.id, a],
        );
      }
      for (const c of snapshot.attributedClaimIds) await exec(db, 'UPDATE claim_links SET attribution_entity_id = $1 WHERE id = $2', [e.id, c]);
      return self.get(e.id);
    });
  }

  /** Moves the sources' mentions and attributions to the target, adds their names as aliases, and deletes them; in one transaction. */
  async merge(targetId: string, sourceIds: readonly string[]): Promise<{ entity: Entity; previous: Entity; merged: EntitySnapshot[] }> {
    return inTransaction(this.db, async (db) => {
      const self = this.on(db);
      const previous = await self.get(targetId);
      const sources = [...new Set(sourceIds)];
      if (sources.includes(targetId)) throw new GlossError('validation', 'an entity cannot be merged into itself');
      const merged: EntitySnapshot[] = [];
      for (const id of sources) merged.push(await self.snapshot(id));
      const aliases = [...previous.aliases];
      for (const { entity } of merged) aliases.push(entity.name, ...entity.aliases);
      for (const { entity } of merged) {
        await exec(db, 'UPDATE annotation_entities SET entity_id = $1 WHERE entity_id = $2', [targetId, entity.id]);
        await exec(db, 'UPDATE claim_links SET attribution_entity_id = $1 WHERE attribution_entity_id = $2', [targetId, entity.id]);
        await exec(db, 'DELETE FROM entities WHERE id = $1', [entity.id]);
      }
      const entity = await self.update(targetId, {
        aliases,
        externalId: previous.externalId ?? merged.find((m) => m.entity.externalId)?.entity.externalId ?? null,
        description: previous.description || merged.find((m) => m.entity.description)?.entity.description || '',
        type: previous.type || merged.find((m) => m.entity.type)?.entity.type || '',
      });
      return { entity, previous, merged };
    });
  }

  async findByExternalId(externalId: string): Promise<string | undefined> {
    return (await row<{ id: string }>(this.db, 'SELECT id FROM entities WHERE external_id = $1 ORDER BY seq LIMIT 1', [externalId]))?.id;
  }

  async findByNameAndType(name: string, type: string): Promise<string | undefined> {
    return (await row<{ id: string }>(this.db, 'SELECT id FROM entities WHERE name = $1 AND type = $2 ORDER BY seq LIMIT 1', [name, type]))?.id;
  }

  async entityOf(annotationId: string): Promise<string | null> {
    return (await row<{ entity_id: string }>(this.db, 'SELECT entity_id FROM annotation_entities WHERE annotation_id = $1', [annotationId]))?.entity_id ?? null;
  }

  /** Sets or clears links, all of them or none (one transaction); the caller checks that annotations and entities exist. */
  async link(links: readonly EntityLink[]): Promise<LinkChange[]> {
    return inTransaction(this.db, async (db) => {
      const self = this.on(db);
      const out: LinkChange[] = [];
      for (const { annotationId, entityId } of links) {
        const previousEntityId = await self.entityOf(annotationId);
        if (entityId) await exec(db, LINK, [annotationId, entityId]);
        else await exec(db, 'DELETE FROM annotation_entities WHERE annotation_id = $1', [annotationId]);
        out.push({ annotationId, entityId, previousEntityId });
      }
      return out;
    });
  }

  async linksByDocument(documentId: string): Promise<{ links: EntityLink[]; entities: Entity[] }> {
    const links = await rows<EntityLink>(
      this.db,
      `SELECT ae.annotation_id AS "annotationId", ae.entity_id AS "entityId" FROM annotation_entities ae
       JOIN annotations a ON a.id = ae.annotation_id WHERE a.document_id = $1 ORDER BY a.start_offset, a.seq`,
      [documentId],
    );
    const entities: Entity[] = [];
    for (const id of new Set(links.map((l) => l.entityId!))) entities.push(await this.get(id));
    return { links, entities };
  }

  async mentions(entityId: string, documentId?: string): Promise<EntityMention[]> {
    await this.get(entityId);
    const rs = await rows<{ id: string; documentId: string; name: string; title: string }>(
      this.db,
      `SELECT a.id, d.id AS "documentId", d.name, d.title FROM annotation_entities ae
       JOIN annotations a ON a.id = ae.annotation_id JOIN documents d ON d.id = a.document_id
       WHERE ae.entity_id = $1 AND ($2::text IS NULL OR d.id = $2)
       ORDER BY d.created_at, d.seq, a.start_offset, a.seq`,
      [entityId, documentId ?? null],
    );
    const out: EntityMention[] = [];
    for (const r of rs) out.push({ annotation: await this.annotations.get(r.id), document: { id: r.documentId, name: r.name, title: r.title } });
    return out;
  }

  async commonLabel(entityId: string): Promise<string | undefined> {
    const r = await row<{ label_id: string }>(
      this.db,
      `SELECT a.label_id FROM annotation_entities ae JOIN annotations a ON a.id = ae.annotation_id
       WHERE ae.entity_id = $1 GROUP BY a.label_id ORDER BY count(*) DESC, min(a.seq) LIMIT 1`,
      [entityId],
    );
    return r?.label_id;
  }

  private async countsByEntity(entityId?: string): Promise<Map<string, { document: DocumentRef; count: number }[]>> {
    const rs = await rows<{ entity_id: string; id: string; name: string; title: string; n: number }>(
      this.db,
      `SELECT ae.entity_id, d.id, d.name, d.title, count(*)::int AS n FROM annotation_entities ae
       JOIN annotations a ON a.id = ae.annotation_id JOIN documents d ON d.id = a.document_id
       WHERE ($1::text IS NULL OR ae.entity_id = $1)
       GROUP BY ae.entity_id, d.id ORDER BY d.created_at, d.seq`,
      [entityId ?? null],
    );
    const out = new Map<string, { document: DocumentRef; count: number }[]>();
    for (const r of rs) {
      let list = out.get(r.entity_id);
      if (!list) out.set(r.entity_id, (list = []));
      list.push({ document: { id: r.id, name: r.name, title: r.title }, count: r.n });
    }
    return out;
  }

  /** Writes an entity's cleaned fields and its modification time. */
  private async write(db: Queryable, id: string, f: EntityFields, modifiedAt: string): Promise<void> {
    await exec(db, 'UPDATE entities SET name = $1, type = $2, aliases = $3, external_id = $4, description = $5, modified_at = $6 WHERE id = $7', [
      f.name,
      f.type,
      JSON.stringify(f.aliases),
      f.externalId,
      f.description,
      modifiedAt,
      id,
    ]);
  }

  /** This store on another connection (a transaction's client). */
  private on(db: Queryable): PgEntityStore {
    return db === this.db ? this : new PgEntityStore(db);
  }
}
