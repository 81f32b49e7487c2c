import type { Entity, EntitySnapshot } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { saveChange, type ChangeContext } from '../tagset/saveChange.ts';

/** The editable fields of an entity. */
export type EntityFields = Pick<Entity, 'name' | 'type' | 'aliases' | 'externalId' | 'description'>;

/** Saves some fields of an entity; undo writes the earlier values back. */
export function updateEntity(ctx: ChangeContext, entity: Entity, changes: Partial<EntityFields>, description: string): Promise<boolean> {
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, entity[k as keyof EntityFields]])) as Partial<EntityFields>;
  return saveChange({ ...ctx, description }, async () => {
    await api.entities.update({ id: entity.id, ...changes });
    return {
      undo: () => api.entities.update({ id: entity.id, ...before }),
      redo: () => api.entities.update({ id: entity.id, ...changes }),
    };
  });
}

/** Creates an entity under a fresh id, so that redo recreates the same one. Resolves its id, or null. */
export async function createEntity(ctx: ChangeContext, fields: EntityFields): Promise<string | null> {
  const id = crypto.randomUUID();
  let snapshot: EntitySnapshot | null = null;
  const ok = await saveChange({ ...ctx, description: `create entity ${fields.name}` }, async () => {
    await api.entities.create({ id, ...fields });
    return {
      undo: async () => (snapshot = await api.entities.delete({ id })),
      // Restoring the snapshot also relinks mentions tagged between create and undo.
      redo: () => (snapshot ? api.entities.restore({ snapshot }) : api.entities.create({ id, ...fields })),
    };
  });
  return ok ? id : null;
}

/** Deletes an entity (its mentions stay, unlinked); undo restores it with its links. */
export function deleteEntity(ctx: ChangeContext, entity: Entity): Promise<boolean> {
  let snapshot: EntitySnapshot;
  return saveChange({ ...ctx, description: `delete entity ${entity.name}` }, async () => {
    snapshot = await api.entities.delete({ id: entity.id });
    return {
      undo: () => api.entities.restore({ snapshot }),
      redo: async () => (snapshot = await api.entities.delete({ id: entity.id })),
    };
  });
}

/**
 * Merges sources into the target. Undo, as the contract says: the target's
 * fields back to `previous`, then each source restored (which moves its
 * mentions back).
 */
export function mergeEntities(ctx: ChangeContext, target: Entity, sources: Entity[]): Promise<boolean> {
  const sourceIds = sources.map((s) => s.id);
  return saveChange({ ...ctx, description: `merge ${sources.map((s) => s.name).join(', ')} into ${target.name}` }, async () => {
    let result = await api.entities.merge({ targetId: target.id, sourceIds });
    return {
      undo: async () => {
        const { id: _id, createdAt: _c, modifiedAt: _m, ...previous } = result.previous;
        await api.entities.update({ id: target.id, ...previous });
        for (const snapshot of result.merged) await api.entities.restore({ snapshot });
      },
      redo: async () => (result = await api.entities.merge({ targetId: target.id, sourceIds })),
    };
  });
}
