import { randomUUID } from 'node:crypto';
import { GlossError, type Label, type LabelKind, type Relation, type RelationType } from '../../../shared/index.ts';
import type { AnnotationStore } from './annotations.ts';
import type { Db } from './database.ts';
import { nowIso, parseJson } from './json.ts';
import type { LabelStore } from './labels.ts';

/** A row of `relation_types`, as both engines return it. */
export interface TypeRow {
  id: string;
  name: string;
  color: string;
  symmetric: number;
  from_kinds: string;
  to_kinds: string;
  from_labels: string;
  to_labels: string;
}

/** A relation row with its ends' documents, as both engines return it. */
export interface RelationRow {
  id: string;
  type_id: string;
  from_annotation_id: string;
  to_annotation_id: string;
  from_document_id: string;
  to_document_id: string;
  note: string;
  annotator?: string;
  created_at: string;
  modified_at: string;
}

export type RelationTypeFields = Omit<RelationType, 'id'>;

/** A relation with its ends' documents (SQL both engines read alike). */
export const RELATION_SELECT = `SELECT r.*, fa.document_id AS from_document_id, ta.document_id AS to_document_id FROM relations r
  JOIN annotations fa ON fa.id = r.from_annotation_id JOIN annotations ta ON ta.id = r.to_annotation_id`;

/** Relation types (part of the tagset) and typed relations between annotations. */
export class RelationStore {
  constructor(
    private readonly db: Db,
    private readonly annotations: AnnotationStore,
    private readonly labels: LabelStore,
  ) {}

  // --- types ----------------------------------------------------------------

  listTypes(): RelationType[] {
    const labels = this.labelIds();
    return (this.db.prepare('SELECT * FROM relation_types ORDER BY position, rowid').all() as TypeRow[]).map((r) => toType(r, labels));
  }

  getType(id: string): RelationType {
    const row = this.db.prepare('SELECT * FROM relation_types WHERE id = ?').get(id) as TypeRow | undefined;
    if (!row) throw new GlossError('not_found', `no relation type with id ${id}`);
    return toType(row, this.labelIds());
  }

  /** Whether a relation type has this id. */
  typeExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM relation_types WHERE id = ?').get(id) !== undefined;
  }

  findTypeByName(name: string): RelationType | undefined {
    const row = this.db.prepare('SELECT * FROM relation_types WHERE name = ?').get(name.trim()) as TypeRow | undefined;
    return row && toType(row, this.labelIds());
  }

  /** Labels that exist: a type's allowed labels may name one deleted since, which then no longer counts. */
  private labelIds(): Set<string> {
    return new Set((this.db.prepare('SELECT id FROM labels').all() as { id: string }[]).map((r) => r.id));
  }

  /** Creates a relation type; names differing only in case are refused unless `caseVariant` (imports; see LabelStore.create). */
  createType(fields: RelationTypeFields, id: string = randomUUID(), options: { caseVariant?: boolean } = {}): RelationType {
    const f = this.cleanType(fields, undefined, options.caseVariant);
    if (this.db.prepare('SELECT 1 FROM relation_types WHERE id = ?').get(id)) throw new GlossError('conflict', `a relation type with id ${id} already exists`);
    const position = (this.db.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM relation_types').get() as { p: number }).p;
    this.db
      .prepare(
        `INSERT INTO relation_types (id, name, color, symmetric, from_kinds, to_kinds, from_labels, to_labels, position)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, f.name, f.color, f.symmetric ? 1 : 0, JSON.stringify(f.fromKinds), JSON.stringify(f.toKinds), JSON.stringify(f.fromLabelIds), JSON.stringify(f.toLabelIds), position);
    return this.getType(id);
  }

  updateType(id: string, changes: Partial<RelationTypeFields>): RelationType {
    const cur = this.getType(id);
    const next = { ...cur, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    const f = this.cleanType(next, id, next.name.trim() === cur.name);
    this.db
      .prepare('UPDATE relation_types SET name = ?, color = ?, symmetric = ?, from_kinds = ?, to_kinds = ?, from_labels = ?, to_labels = ? WHERE id = ?')
      .run(f.name, f.color, f.symmetric ? 1 : 0, JSON.stringify(f.fromKinds), JSON.stringify(f.toKinds), JSON.stringify(f.fromLabelIds), JSON.stringify(f.toLabelIds), id);
    return this.getType(id);
  }

  /** Deletes an unused type; a conflict error says how many relations use it. */
  deleteType(id: string): RelationType {
    const cur = this.getType(id);
    const used = this.usage(id);
    if (used > 0) throw new GlossError('conflict', `relation type "${cur.name}" is used by ${used} relation(s); delete them first`);
    this.db.prepare('DELETE FROM relation_types WHERE id = ?').run(id);
    return cur;
  }

  usage(typeId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM relations WHERE type_id = ?').get(typeId) as { n: number }).n;
  }

  private cleanType(f: RelationTypeFields, exceptId: string | undefined, caseVariant = false): RelationTypeFields {
    const name = f.name.trim();
    if (!name) throw new GlossError('validation', 'a relation type needs a name');
    const existing = caseVariant
      ? this.findTypeByName(name)
      : (this.db.prepare('SELECT id, name FROM relation_types WHERE name = ? COLLATE NOCASE AND id IS NOT ?').get(name, exceptId ?? null) as { id: string; name: string } | undefined);
    if (existing && existing.id !== exceptId) throw new GlossError('conflict', `a relation type named "${existing.name}" already exists`);
    for (const labelId of [...f.fromLabelIds, ...f.toLabelIds]) this.labels.get(labelId);
    return { ...f, name, fromKinds: [...new Set(f.fromKinds)], toKinds: [...new Set(f.toKinds)], fromLabelIds: [...new Set(f.fromLabelIds)], toLabelIds: [...new Set(f.toLabelIds)] };
  }

  // --- relations ------------------------------------------------------------

  get(id: string): Relation {
    const row = this.db.prepare(`${RELATION_SELECT} WHERE r.id = ?`).get(id) as RelationRow | undefined;
    if (!row) throw new GlossError('not_found', `no relation with id ${id}`);
    return toRelation(row);
  }

  listByDocument(documentId: string): Relation[] {
    return (
      this.db.prepare(`${RELATION_SELECT} WHERE fa.document_id = ? OR ta.document_id = ? ORDER BY fa.start_offset, r.rowid`).all(documentId, documentId) as RelationRow[]
    ).map(toRelation);
  }

  forAnnotation(annotationId: string): Relation[] {
    return (
      this.db.prepare(`${RELATION_SELECT} WHERE r.from_annotation_id = ? OR r.to_annotation_id = ? ORDER BY r.rowid`).all(annotationId, annotationId) as RelationRow[]
    ).map(toRelation);
  }

  /**
   * Checks both ends, the type's constraints and duplicates, then stores the
   * relation. `allowDuplicate` is for imports of formats that may repeat a
   * relation (brat does), `allowAnyEnds` for files whose relations break
   * their own configuration's argument types (brat loads those too), so that
   * the file is kept as it is.
   */
  create(
    f: { typeId: string; fromAnnotationId: string; toAnnotationId: string; note: string },
    options: { id?: string; createdAt?: string; modifiedAt?: string; allowDuplicate?: boolean; allowAnyEnds?: boolean } = {},
  ): Relation {
    const id = options.id ?? randomUUID();
    if (this.db.prepare('SELECT 1 FROM relations WHERE id = ?').get(id)) throw new GlossError('conflict', `a relation with id ${id} already exists`);
    this.check(f.typeId, f.fromAnnotationId, f.toAnnotationId, id, options.allowDuplicate, options.allowAnyEnds);
    const now = nowIso();
    this.db
      .prepare(
        `INSERT INTO relations (id, type_id, from_annotation_id, to_annotation_id, note, created_at, modified_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, f.typeId, f.fromAnnotationId, f.toAnnotationId, f.note, options.createdAt ?? now, options.modifiedAt ?? now);
    return this.get(id);
  }

  /** Replaces a relation's attributes (imports, which read them from the source file). */
  setAttributes(id: string, attributes: Record<string, unknown>): void {
    this.db.prepare('UPDATE relations SET attributes = ? WHERE id = ?').run(JSON.stringify(attributes), id);
  }

  update(id: string, changes: { typeId?: string; fromAnnotationId?: string; toAnnotationId?: string; note?: string }): Relation {
    const cur = this.get(id);
    const next = {
      typeId: changes.typeId ?? cur.typeId,
      fromAnnotationId: changes.fromAnnotationId ?? cur.fromAnnotationId,
      toAnnotationId: changes.toAnnotationId ?? cur.toAnnotationId,
      note: changes.note ?? cur.note,
    };
    this.check(next.typeId, next.fromAnnotationId, next.toAnnotationId, id);
    this.db
      .prepare('UPDATE relations SET type_id = ?, from_annotation_id = ?, to_annotation_id = ?, note = ?, modified_at = ? WHERE id = ?')
      .run(next.typeId, next.fromAnnotationId, next.toAnnotationId, next.note, nowIso(), id);
    return this.get(id);
  }

  delete(id: string): Relation {
    const cur = this.get(id);
    this.db.prepare('DELETE FROM relations WHERE id = ?').run(id);
    return cur;
  }

  private check(typeId: string, fromId: string, toId: string, selfId: string, allowDuplicate = false, allowAnyEnds = false): void {
    const type = this.getType(typeId);
    if (fromId === toId) throw new GlossError('validation', 'a relation needs two different annotations');
    const from = this.annotations.get(fromId);
    const to = this.annotations.get(toId);
    const fromLabel = this.labels.get(from.labelId);
    const toLabel = this.labels.get(to.labelId);
    if (!allowAnyEnds && !allows(type.fromKinds, type.fromLabelIds, fromLabel)) throw new GlossError('validation', `"${type.name}" cannot start at a ${fromLabel.name} annotation (${describe(type.fromKinds, type.fromLabelIds, this.labels)})`);
    if (!allowAnyEnds && !allows(type.toKinds, type.toLabelIds, toLabel)) throw new GlossError('validation', `"${type.name}" cannot end at a ${toLabel.name} annotation (${describe(type.toKinds, type.toLabelIds, this.labels)})`);
    if (allowDuplicate) return;
    // Looked up through the from-annotation index (`+type_id` keeps SQLite off the
    // type index, which would scan every relation of the type on each insert).
    const dup = this.db
      .prepare(
        `SELECT id FROM relations WHERE from_annotation_id = ? AND to_annotation_id = ? AND +type_id = ? AND id <> ?
         UNION ALL
         SELECT id FROM relations WHERE ? = 1 AND from_annotation_id = ? AND to_annotation_id = ? AND +type_id = ? AND id <> ?
         LIMIT 1`,
      )
      .get(fromId, toId, typeId, selfId, type.symmetric ? 1 : 0, toId, fromId, typeId, selfId) as { id: string } | undefined;
    if (dup) throw new GlossError('conflict', `these annotations are already related by "${type.name}" (relation ${dup.id})`);
  }
}

/** Whether a type's end (kinds and labels; empty allows any) accepts a label. */
export function allows(kinds: readonly LabelKind[], labelIds: readonly string[], label: Label): boolean {
  return (kinds.length === 0 || kinds.includes(label.kind)) && (labelIds.length === 0 || labelIds.includes(label.id));
}

function describe(kinds: readonly LabelKind[], labelIds: readonly string[], labels: LabelStore): string {
  const parts: string[] = [];
  if (kinds.length) parts.push(`kinds: ${kinds.join(', ')}`);
  if (labelIds.length) parts.push(`labels: ${labelIds.map((id) => labels.get(id).name).join(', ')}`);
  return `allowed ${parts.join('; ')}`;
}

/** A relation type row as the model has it, its deleted labels left out. */
export function toType(r: TypeRow, labels: ReadonlySet<string>): RelationType {
  return {
    id: r.id,
    name: r.name,
    color: r.color,
    symmetric: r.symmetric === 1,
    fromKinds: parseJson<LabelKind[]>(r.from_kinds),
    toKinds: parseJson<LabelKind[]>(r.to_kinds),
    fromLabelIds: parseJson<string[]>(r.from_labels).filter((id) => labels.has(id)),
    toLabelIds: parseJson<string[]>(r.to_labels).filter((id) => labels.has(id)),
  };
}

/** A relation row as the model has it. */
export function toRelation(r: RelationRow): Relation {
  return {
    id: r.id,
    typeId: r.type_id,
    fromAnnotationId: r.from_annotation_id,
    toAnnotationId: r.to_annotation_id,
    fromDocumentId: r.from_document_id,
    toDocumentId: r.to_document_id,
    note: r.note,
    ...(r.annotator ? { annotator: r.annotator } : {}),
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
  };
}
