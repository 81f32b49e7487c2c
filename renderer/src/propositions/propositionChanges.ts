import type { DocumentStance, Proposition } from '../../../shared/index.ts';
import { saveChange, type ChangeContext } from '../tagset/saveChange.ts';

/** Creates a proposition; undo deletes it, redo restores it with whatever was linked to it meanwhile. */
export function createProposition(ctx: ChangeContext, text: string): Promise<boolean> {
  const id = crypto.randomUUID();
  return saveChange({ ...ctx, description: 'add proposition' }, async (client) => {
    await client.propositions.create({ id, text });
  });
}

export function editProposition(ctx: ChangeContext, p: Proposition, text: string): Promise<boolean> {
  return saveChange({ ...ctx, description: 'edit proposition' }, async (client) => {
    await client.propositions.update({ id: p.id, text });
  });
}

/** Deletes a proposition with its claim links and document stances; undo restores all of it. */
export function deleteProposition(ctx: ChangeContext, p: Proposition): Promise<boolean> {
  return saveChange({ ...ctx, description: 'delete proposition' }, async (client) => {
    await client.propositions.delete({ id: p.id });
  });
}

/** Merges sources into the target; undo restores each source (moving its links back), as the contract says. */
export function mergePropositions(ctx: ChangeContext, target: Proposition, sources: Proposition[]): Promise<boolean> {
  const sourceIds = sources.map((s) => s.id);
  return saveChange({ ...ctx, description: `merge ${sources.length + 1} propositions` }, async (client) => {
    await client.propositions.merge({ targetId: target.id, sourceIds });
  });
}

/**
 * Sets a document's stance toward a proposition, or clears it (stance null).
 * Undo, as the contract says: set the previous stance again, or clear when
 * there was none.
 */
export function setDocumentStance(
  ctx: ChangeContext,
  target: { documentId: string; propositionId: string; documentTitle: string },
  current: DocumentStance | null,
  next: { stance: string; justification: string } | null,
): Promise<boolean> {
  const { documentId, propositionId } = target;
  const description = next ? `set the stance of ${target.documentTitle}` : `clear the stance of ${target.documentTitle}`;
  return saveChange({ ...ctx, description }, async (client) => {
    if (!next) await client.stances.clearDocument({ documentId, propositionId });
    else await client.stances.setDocument({ documentId, propositionId, ...(current ? {} : { id: crypto.randomUUID() }), ...next });
  });
}
