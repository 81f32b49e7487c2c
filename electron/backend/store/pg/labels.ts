import { randomUUID } from 'node:crypto';
import { GlossError, type Label } from '../../../../shared/index.ts';
import { definedOnly, toLabel, type LabelRow, type LabelStore, type LabelTreeFields } from '../labels.ts';
import type { Async } from '../repository.ts';
import type { Queryable } from './documents.ts';
import { exec, nocase, row, rows } from './query.ts';

/** The project's tagset on PostgreSQL: the counterpart of the SQLite engine's LabelStore, with the same rules and shapes. */
export class PgLabelStore implements Async<LabelStore> {
  constructor(private readonly db: Queryable) {}

  async list(): Promise<Label[]> {
    return (await rows<LabelRow>(this.db, 'SELECT * FROM labels ORDER BY position, seq')).map(toLabel);
  }

  async get(id: string): Promise<Label> {
    const r = await row<LabelRow>(this.db, 'SELECT * FROM labels WHERE id = $1', [id]);
    if (!r) throw new GlossError('not_found', `no label with id ${id}`);
    return toLabel(r);
  }

  async exists(id: string): Promise<boolean> {
    return (await row(this.db, 'SELECT 1 FROM labels WHERE id = $1', [id])) !== undefined;
  }

  async findByName(name: string): Promise<Label | undefined> {
    const r = await row<LabelRow>(this.db, 'SELECT * FROM labels WHERE name = $1', [name]);
    return r && toLabel(r);
  }

  /** Creates a label; names differing only in (ASCII) case are refused unless `caseVariant`, as on SQLite. */
  async create(fields: Omit<Label, 'id'>, id: string = randomUUID(), options: { caseVariant?: boolean } = {}): Promise<Label> {
    await this.assertFree(fields.name, fields.hotkey, undefined, options.caseVariant);
    // The next position is computed in the insert itself, so two creations cannot take the same one.
    await exec(
      this.db,
      `INSERT INTO labels (id, name, kind, color, hotkey, attributes, position)
       SELECT $1, $2, $3, $4, $5, $6, coalesce(max(position), 0) + 1 FROM labels`,
      [id, fields.name, fields.kind, fields.color, fields.hotkey, JSON.stringify(fields.attributes)],
    );
    return this.get(id);
  }

  async update(id: string, fields: Partial<Omit<Label, 'id'>>): Promise<Label> {
    const cur = await this.get(id);
    const next = { ...cur, ...definedOnly(fields) };
    await this.assertFree(next.name, next.hotkey, id, next.name === cur.name);
    await exec(this.db, 'UPDATE labels SET name = $1, kind = $2, color = $3, hotkey = $4, attributes = $5 WHERE id = $6', [
      next.name,
      next.kind,
      next.color,
      next.hotkey,
      JSON.stringify(next.attributes),
      id,
    ]);
    return this.get(id);
  }

  async treeFields(): Promise<Map<string, LabelTreeFields>> {
    const rs = await rows<{ id: string; parent_id: string | null; description: string; guid: string | null }>(this.db, 'SELECT id, parent_id, description, guid FROM labels');
    return new Map(rs.map((r) => [r.id, { parentId: r.parent_id, description: r.description, guid: r.guid }]));
  }

  async setTreeFields(id: string, fields: Partial<LabelTreeFields>): Promise<void> {
    const tree = await this.treeFields();
    if (!tree.has(id)) throw new GlossError('not_found', `no label with id ${id}`);
    const cur = { ...tree.get(id)!, ...definedOnly(fields) };
    for (let p = cur.parentId; p; p = tree.get(p)?.parentId ?? null) {
      if (p === id) throw new GlossError('validation', 'a label cannot be its own ancestor');
    }
    await exec(this.db, 'UPDATE labels SET parent_id = $1, description = $2, guid = $3 WHERE id = $4', [cur.parentId, cur.description, cur.guid, id]);
  }

  async delete(id: string): Promise<void> {
    await this.get(id);
    const { n } = (await row<{ n: number }>(this.db, 'SELECT count(*)::int AS n FROM annotations WHERE label_id = $1', [id]))!;
    if (n > 0) throw new GlossError('conflict', `label is used by ${n} annotation(s); relabel or delete them first`);
    await exec(this.db, 'DELETE FROM labels WHERE id = $1', [id]);
  }

  private async assertFree(name: string, hotkey: string | null, exceptId: string | undefined, caseVariant = false): Promise<void> {
    const byName = caseVariant
      ? await this.findByName(name)
      : await row<LabelRow>(this.db, `SELECT * FROM labels WHERE ${nocase('name')} = ${nocase('$1')} AND id IS DISTINCT FROM $2 ORDER BY (name = $1) DESC, seq LIMIT 1`, [
          name,
          exceptId ?? null,
        ]);
    if (byName && byName.id !== exceptId) throw new GlossError('conflict', `a label named "${byName.name}" already exists`);
    if (hotkey) {
      const r = await row<{ id: string; name: string }>(this.db, 'SELECT id, name FROM labels WHERE hotkey = $1', [hotkey]);
      if (r && r.id !== exceptId) throw new GlossError('conflict', `hotkey ${hotkey} is already used by "${r.name}"`);
    }
  }
}
