import { randomUUID } from 'node:crypto';
import { GlossError, type AttributeDefinition, type Label } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { parseJson } from './json.ts';

interface LabelRow {
  id: string;
  name: string;
  kind: Label['kind'];
  color: string;
  hotkey: string | null;
  attributes: string;
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

  findByName(name: string): Label | undefined {
    const row = this.db.prepare('SELECT * FROM labels WHERE name = ? COLLATE NOCASE').get(name) as LabelRow | undefined;
    return row && toLabel(row);
  }

  create(fields: Omit<Label, 'id'>, id: string = randomUUID()): Label {
    this.assertFree(fields.name, fields.hotkey, undefined);
    const position = (this.db.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM labels').get() as { p: number }).p;
    this.db
      .prepare('INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, fields.name, fields.kind, fields.color, fields.hotkey, JSON.stringify(fields.attributes), position);
    return this.get(id);
  }

  update(id: string, fields: Partial<Omit<Label, 'id'>>): Label {
    const next = { ...this.get(id), ...definedOnly(fields) };
    this.assertFree(next.name, next.hotkey, id);
    this.db
      .prepare('UPDATE labels SET name = ?, kind = ?, color = ?, hotkey = ?, attributes = ? WHERE id = ?')
      .run(next.name, next.kind, next.color, next.hotkey, JSON.stringify(next.attributes), id);
    return this.get(id);
  }

  delete(id: string): void {
    this.get(id);
    const used = (this.db.prepare('SELECT count(*) AS n FROM annotations WHERE label_id = ?').get(id) as { n: number }).n;
    if (used > 0) throw new GlossError('conflict', `label is used by ${used} annotation(s); relabel or delete them first`);
    this.db.prepare('DELETE FROM labels WHERE id = ?').run(id);
  }

  private assertFree(name: string, hotkey: string | null, exceptId: string | undefined): void {
    const byName = this.findByName(name);
    if (byName && byName.id !== exceptId) throw new GlossError('conflict', `a label named "${name}" already exists`);
    if (hotkey) {
      const row = this.db.prepare('SELECT id, name FROM labels WHERE hotkey = ?').get(hotkey) as { id: string; name: string } | undefined;
      if (row && row.id !== exceptId) throw new GlossError('conflict', `hotkey ${hotkey} is already used by "${row.name}"`);
    }
  }
}

function toLabel(r: LabelRow): Label {
  return { id: r.id, name: r.name, kind: r.kind, color: r.color, hotkey: r.hotkey, attributes: parseJson<AttributeDefinition[]>(r.attributes) };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
