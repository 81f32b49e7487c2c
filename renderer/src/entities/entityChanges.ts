import type { Entity } from '../../../shared/index.ts';
import { saveChange, type ChangeContext } from '../tagset/saveChange.ts';

/** The editable fields of an entity. */
export type EntityFields = Pick<Entity, 'name' | 'type' | 'aliases' | 'externalId' | 'description'>;

/** Saves some fields of an entity; undo writes the earlier values back. */
export function updateEntity(ctx: ChangeContext, entity: Entity, changes: Partial<EntityFields>, description: string): Promise<boolean> {
  return saveChange({ ...ctx, description }, async (client) => {
    await client.entities.update({ id: entity.id, ...changes });
  });
}

/** Creates an entity under a fresh id, so that redo recreates the same one. Resolves its id, or null. */
export async function createEntity(ctx: ChangeContext, fields: EntityFields): Promise<string | null> {
  const id = crypto.randomUUID();
  const ok = await saveChange({ ...ctx, description: `create entity ${fields.name}` }, async (client) => {
    await client.entities.create({ id, ...fields });
  });
  return ok ? id : null;
}

/** Deletes an entity (its mentions stay, unlinked); undo restores it with its links. */
export function deleteEntity(ctx: ChangeContext, entity: Entity): Promise<boolean> {
  return saveChange({ ...ctx, description: `delete entity ${entity.name}` }, async (client) => {
    await client.entities.delete({ id: entity.id });
  });
}

/**
 * Merges sources into the target. Undo, as the contract says: the target's
 * fields back to `previous`, then each source restored (which moves its
 * mentions back).
 */
export function mergeEntities(ctx: ChangeContext, target: Entity, sources: Entity[]): Promise<boolean> {
  const sourceIds = sources.map((s) => s.id);
  return saveChange({ ...ctx, description: `merge ${sources.map((s) => s.name).join(', ')} into ${target.name}` }, async (client) => {
    await client.entities.merge({ targetId: target.id, sourceIds });
  });
}
