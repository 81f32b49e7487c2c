import { randomUUID } from 'node:crypto';
import { GlossError, type LabelKind, type Relation, type RelationType } from '../../../../shared/index.ts';
import { nowIso } from '../json.ts';
import { allows, RELATION_SELECT, toRelation, toType, type RelationRow, type RelationStore, type RelationTypeFields, type TypeRow } from '../relations.ts';
import type { Async } from '../repository.ts';
import { PgAnnotationStore } from './annotations.ts';
import type { Queryable } from './documents.ts';
import { PgLabelStore } from './labels.ts';
import { exec, nocase, row, rows } from './query.ts';

/** Relation types and typed relations on PostgreSQL: the counterpart of the SQLite engine's RelationStore, with the same rules and shapes. */
export class PgRelationStore implements Async<RelationStore> {
  private readonly annotations: PgAnnotationStore;
  private readonly labels: PgLabelStore;

  constructor(private readonly db: Queryable) {
    this.annotations = new PgAnnotationStore(db);
    this.labels = new PgLabelStore(db);
  }

  // --- types ----------------------------------------------------------------

  async listTypes(): Promise<RelationType[]> {
    const labels = await this.labelIds();
    return (await rows<TypeRow>(this.db, 'SELECT * FROM relation_types ORDER BY position, seq')).map((r) => toType(r, labels));
  }

  async getType(id: string): Promise<RelationType> {
    const r = await row<TypeRow>(this.db, 'SELECT * FROM relation_types WHERE id = $1', [id]);
    if (!r) throw new GlossError('not_found', `no relation type with id ${id}`);
    return toType(r, await this.labelIds());
  }

  async typeExists(id: string): Promise<boolean> {
    return (await row(this.db, 'SELECT 1 FROM relation_types WHERE id = $1', [id])) !== undefined;
  }

  async findTypeByName(name: string): Promise<RelationType | undefined> {
    const r = await row<TypeRow>(this.db, 'SELECT * FROM relation_types WHERE name = $1', [name.trim()]);
    return r && toType(r, await this.labelIds());
  }

  /** Labels that exist: a type's allowed labels may name one deleted since, which then no longer counts. */
  private async labelIds(): Promise<Set<string>> {
    return new Set((await rows<{ id: string }>(this.db, 'SELECT id FROM labels')).map((r) => r.id));
  }

  async createType(fields: RelationTypeFields, id: string = randomUUID(), options: { caseVariant?: boolean } = {}): Promise<RelationType> {
    const f = await this.cleanType(fields, undefined, options.caseVariant);
    if (await this.typeExists(id)) throw new GlossError('conflict', `a relation type with id ${id} already exists`);
    // The next position is computed in the insert itself, so two creations cannot take the same one.
    await exec(
      this.db,
      `INSERT INTO relation_types (id, name, color, "symmetric", from_kinds, to_kinds, from_labels, to_labels, position)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, coalesce(max(position), 0) + 1 FROM relation_types`,
      [id, f.name, f.color, f.symmetric ? 1 : 0, JSON.stringify(f.fromKinds), JSON.stringify(f.toKinds), JSON.stringify(f.fromLabelIds), JSON.stringify(f.toLabelIds)],
    );
    return this.getType(id);
  }

  async updateType(id: string, changes: Partial<RelationTypeFields>): Promise<RelationType> {
    const cur = await this.getType(id);
    const next = { ...cur, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    const f = await this.cleanType(next, id, next.name.trim() === cur.name);
    await exec(this.db, 'UPDATE relation_types SET name = $1, color = $2, "symmetric" = $3, from_kinds = $4, to_kinds = $5, from_labels = $6, to_labels = $7 WHERE id = $8', [
      f.name,
      f.color,
      f.symmetric ? 1 : 0,
      JSON.stringify(f.fromKinds),
      JSON.stringify(f.toKinds),
      JSON.stringify(f.fromLabelIds),
      JSON.stringify(f.toLabelIds),
      id,
    ]);
    return this.getType(id);
  }

  async deleteType(id: string): Promise<RelationType> {
    const cur = await this.getType(id);
    const used = await this.usage(id);
    if (used > 0) throw new GlossError('conflict', `relation type "${cur.name}" is used by ${used} relation(s); delete them first`);
    await exec(this.db, 'DELETE FROM relation_types WHERE id = $1', [id]);
    return cur;
  }

  async usage(typeId: string): Promise<number> {
    return (await row<{ n: number }>(this.db, 'SELECT count(*)::int AS n FROM relations WHERE type_id = $1', [typeId]))!.n;
  }

  private async cleanType(f: RelationTypeFields, exceptId: string | undefined, caseVariant = false): Promise<RelationTypeFields> {
    const name = f.name.trim();
    if (!name) throw new GlossError('validation', 'a relation type needs a name');
    const existing = caseVariant
      ? await this.findTypeByName(name)
      : await row<{ id: string; name: string }>(this.db, `SELECT id, name FROM relation_types WHERE ${nocase('name')} = ${nocase('$1')} AND id IS DISTINCT FROM $2 ORDER BY seq LIMIT 1`, [
          name,
          exceptId ?? null,
        ]);
    if (existing && existing.id !== exceptId) throw new GlossError('conflict', `a relation type named "${existing.name}" already exists`);
    for (const labelId of [...f.fromLabelIds, ...f.toLabelIds]) await this.labels.get(labelId);
    return { ...f, name, fromKinds: [...new Set(f.fromKinds)], toKinds: [...new Set(f.toKinds)], fromLabelIds: [...new Set(f.fromLabelIds)], toLabelIds: [...new Set(f.toLabelIds)] };
  }

  // --- relations ------------------------------------------------------------

  async get(id: string): Promise<Relation> {
    const r = await row<RelationRow>(this.db, `${RELATION_SELECT} WHERE r.id = $1`, [id]);
    if (!r) throw new GlossError('not_found', `no relation with id ${id}`);
    return toRelation(r);
  }

  async listByDocument(documentId: string): Promise<Relation[]> {
    return (await rows<RelationRow>(this.db, `${RELATION_SELECT} WHERE fa.document_id = $1 OR ta.document_id = $1 ORDER BY fa.start_offset, r.seq`, [documentId])).map(toRelation);
  }

  async forAnnotation(annotationId: string): Promise<Relation[]> {
    return (await rows<RelationRow>(this.db, `${RELATION_SELECT} WHERE r.from_annotation_id = $1 OR r.to_annotation_id = $1 ORDER BY r.seq`, [annotationId])).map(toRelation);
  }

  async create(
    f: { typeId: string; fromAnnotationId: string; toAnnotationId: string; note: string },
    options: { id?: string; createdAt?: string; modifiedAt?: string; allowDuplicate?: boolean; allowAnyEnds?: boolean } = {},
  ): Promise<Relation> {
    const id = options.id ?? randomUUID();
    if (await row(this.db, 'SELECT 1 FROM relations WHERE id = $1', [id])) throw new GlossError('conflict', `a relation with id ${id} already exists`);
    await this.check(f.typeId, f.fromAnnotationId, f.toAnnotationId, id, options.allowDuplicate, options.allowAnyEnds);
    const now = nowIso();
    await exec(
      this.db,
      `INSERT INTO relations (id, type_id, from_annotation_id, to_annotation_id, note, created_at, modified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, f.typeId, f.fromAnnotationId, f.toAnnotationId, f.note, options.createdAt ?? now, options.modifiedAt ?? now],
    );
    return this.get(id);
  }

  async setAttributes(id: string, attributes: Record<string, unknown>): Promise<void> {
    await exec(this.db, 'UPDATE relations SET attributes = $1 WHERE id = $2', [JSON.stringify(attributes), id]);
  }

  async update(id: string, changes: { typeId?: string; fromAnnotationId?: string; toAnnotationId?: string; note?: string }): Promise<Relation> {
    const cur = await this.get(id);
    const next = {
      typeId: changes.typeId ?? cur.typeId,
      fromAnnotationId: changes.fromAnnotationId ?? cur.fromAnnotationId,
      toAnnotationId: changes.toAnnotationId ?? cur.toAnnotationId,
      note: changes.note ?? cur.note,
    };
    await this.check(next.typeId, next.fromAnnotationId, next.toAnnotationId, id);
    await exec(this.db, 'UPDATE relations SET type_id = $1, from_annotation_id = $2, to_annotation_id = $3, note = $4, modified_at = $5 WHERE id = $6', [
      next.typeId,
      next.fromAnnotationId,
      next.toAnnotationId,
      next.note,
      nowIso(),
      id,
    ]);
    return this.get(id);
  }

  async delete(id: string): Promise<Relation> {
    const cur = await this.get(id);
    await exec(this.db, 'DELETE FROM relations WHERE id = $1', [id]);
    return cur;
  }

  private async check(typeId: string, fromId: string, toId: string, selfId: string, allowDuplicate = false, allowAnyEnds = false): Promise<void> {
    const type = await this.getType(typeId);
    if (fromId === toId) throw new GlossError('validation', 'a relation needs two different annotations');
    const from = await this.annotations.get(fromId);
    const to = await this.annotations.get(toId);
    const fromLabel = await this.labels.get(from.labelId);
    const toLabel = await this.labels.get(to.labelId);
    if (!allowAnyEnds && !allows(type.fromKinds, type.fromLabelIds, fromLabel)) {
      throw new GlossError('validation', `"${type.name}" cannot start at a ${fromLabel.name} annotation (${await this.describe(type.fromKinds, type.fromLabelIds)})`);
    }
    if (!allowAnyEnds && !allows(type.toKinds, type.toLabelIds, toLabel)) {
      throw new GlossError('validation', `"${type.name}" cannot end at a ${toLabel.name} annotation (${await this.describe(type.toKinds, type.toLabelIds)})`);
    }
    if (allowDuplicate) return;
    // The same pair under the same type, or the reversed pair when the type is symmetric.
    const dup = await row<{ id: string }>(
      this.db,
      `SELECT id FROM relations WHERE type_id = $3 AND id <> $4
         AND ((from_annotation_id = $1 AND to_annotation_id = $2) OR ($5 AND from_annotation_id = $2 AND to_annotation_id = $1))
       ORDER BY (from_annotation_id = $1 AND to_annotation_id = $2) DESC, seq LIMIT 1`,
      [fromId, toId, typeId, selfId, type.symmetric],
    );
    if (dup) throw new GlossError('conflict', `these annotations are already related by "${type.name}" (relation ${dup.id})`);
  }

  /** What a type's end allows, in words (the SQLite engine's `describe`, reading labels here). */
  private async describe(kinds: readonly LabelKind[], labelIds: readonly string[]): Promise<string> {
    const parts: string[] = [];
    if (kinds.length) parts.push(`kinds: ${kinds.join(', ')}`);
    if (labelIds.length) {
      const names: string[] = [];
      for (const id of labelIds) names.push((await this.labels.get(id)).name);
      parts.push(`labels: ${names.join(', ')}`);
    }
    return `allowed ${parts.join('; ')}`;
  }
}
