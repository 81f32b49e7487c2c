import { randomUUID } from 'node:crypto';
import { GlossError, type AttributeDefinition, type Label } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { parseJson } from './json.ts';

/** A row of `labels`, as both engines return it. */
export interface LabelRow {
  id: string;
  name: string;
  kind: Label['kind'];
  color: string;
  hotkey: string | null;
  attributes: string;
}

/** A label's place in a code tree and what REFI-QDA keeps with it. */
export interface LabelTreeFields {
  parentId: string | null;
  description: string;
  guid: string | null;
}

/** The project's tagset. */
export class LabelStore {
  constructor(private readonly db: Db) {}

  list(): Label[] {
    return (this.db.prepare('SELECT * FROM labels ORDER BY position, rowid').all() as LabelRow[]).map(toLabel);
  }

  get(id: string): Label {
    const row = this.db.prepare('SELECT * FROM labels WHERE id = ?').get(id) as LabelRow | undefined;
    if (!row) throw new GlossError('not_found', `no label with id ${id}`);
    return toLabel(row);
  }

  /** Whether a label has this id. */
  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM labels WHERE id = ?').get(id) !== undefined;
  }

  findByName(name: string): Label | undefined {
    const row = this.db.prepare('SELECT * FROM labels WHERE name = ?').get(name) as LabelRow | undefined;
    return row && toLabel(row);
  }

  /**
   * Creates a label. Names differing only in case are refused unless
   * `caseVariant` is set: an imported corpus's `PERSON` is its own type
   * beside the built-in `Person`, as brat's types are case-sensitive, while
   * someone typing "person" in the tagset editor most likely means Person.
   */
  create(fields: Omit<Label, 'id'>, id: string = randomUUID(), options: { caseVariant?: boolean } = {}): Label {
    this.assertFree(fields.name, fields.hotkey, undefined, options.caseVariant);
    const position = (this.db.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM labels').get() as { p: number }).p;
    this.db
      .prepare('INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, fields.name, fields.kind, fields.color, fields.hotkey, JSON.stringify(fields.attributes), position);
    return this.get(id);
  }

  update(id: string, fields: Partial<Omit<Label, 'id'>>): Label {
    const cur = this.get(id);
    const next = { ...cur, ...definedOnly(fields) };
    // A label keeping its name keeps it even beside a case variant (imported corpora have them).
    this.assertFree(next.name, next.hotkey, id, next.name === cur.name);
    this.db
      .prepare('UPDATE labels SET name = ?, kind = ?, color = ?, hotkey = ?, attributes = ? WHERE id = ?')
      .run(next.name, next.kind, next.color, next.hotkey, JSON.stringify(next.attributes), id);
    return this.get(id);
  }

  /**
   * Where labels sit in a code tree, with their descriptions and the guids a
   * REFI-QDA project gave them (migration 005). Kept apart from {@link Label}
   * because only exchange formats read them so far.
   */
  treeFields(): Map<string, LabelTreeFields> {
    const rows = this.db.prepare('SELECT id, parent_id, description, guid FROM labels').all() as { id: string; parent_id: string | null; description: string; guid: string | null }[];
    return new Map(rows.map((r) => [r.id, { parentId: r.parent_id, description: r.description, guid: r.guid }]));
  }

  /** Sets a label's parent, description and guid; a label cannot be its own ancestor. */
  setTreeFields(id: string, fields: Partial<LabelTreeFields>): void {
    const cur = { ...this.treeFields().get(id)!, ...definedOnly(fields) };
    if (!this.treeFields().has(id)) throw new GlossError('not_found', `no label with id ${id}`);
    const tree = this.treeFields();
    for (let p = cur.parentId; p; p = tree.get(p)?.parentId ?? null) {
      if (p === id) throw new GlossError('validation', 'a label cannot be its own ancestor');
    }
    this.db.prepare('UPDATE labels SET parent_id = ?, description = ?, guid = ? WHERE id = ?').run(cur.parentId, cur.description, cur.guid, id);
  }

  delete(id: string): void {
    this.get(id);
    const used = (this.db.prepare('SELECT count(*) AS n FROM annotations WHERE label_id = ?').get(id) as { n: number }).n;
    if (used > 0) throw new GlossError('conflict', `label is used by ${used} annotation(s); relabel or delete them first`);
    this.db.prepare('DELETE FROM labels WHERE id = ?').run(id);
  }

  private assertFree(name: string, hotkey: string | null, exceptId: string | undefined, caseVariant = false): void {
    const byName = caseVariant ? this.findByName(name) : (this.db.prepare('SELECT * FROM labels WHERE name = ? COLLATE NOCASE AND id IS NOT ? ORDER BY name = ? DESC').get(name, exceptId ?? null, name) as LabelRow | undefined);
    if (byName && byName.id !== exceptId) throw new GlossError('conflict', `a label named "${byName.name}" already exists`);
    if (hotkey) {
      const row = this.db.prepare('SELECT id, name FROM labels WHERE hotkey = ?').get(hotkey) as { id: string; name: string } | undefined;
      if (row && row.id !== exceptId) throw new GlossError('conflict', `hotkey ${hotkey} is already used by "${row.name}"`);
    }
  }
}

/** A label row as the model has it. */
export function toLabel(r: LabelRow): Label {
  return { id: r.id, name: r.name, kind: r.kind, color: r.color, hotkey: r.hotkey, attributes: parseJson<AttributeDefinition[]>(r.attributes) };
}

/** The fields that are set (undefined ones dropped). */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
