import type { DocumentStance, Proposition, PropositionSnapshot } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { saveChange, type ChangeContext } from '../tagset/saveChange.ts';

/** Creates a proposition; undo deletes it, redo restores it with whatever was linked to it meanwhile. */
export function createProposition(ctx: ChangeContext, text: string): Promise<boolean> {
  const id = crypto.randomUUID();
  let snapshot: PropositionSnapshot | null = null;
  return saveChange({ ...ctx, description: 'add proposition' }, async () => {
    await api.propositions.create({ id, text });
    return {
      undo: async () => (snapshot = await api.propositions.delete({ id })),
      redo: () => (snapshot ? api.propositions.restore({ snapshot }) : api.propositions.create({ id, text })),
    };
  });
}

export function editProposition(ctx: ChangeContext, p: Proposition, text: string): Promise<boolean> {
  return saveChange({ ...ctx, description: 'edit proposition' }, async () => {
    await api.propositions.update({ id: p.id, text });
    return { undo: () => api.propositions.update({ id: p.id, text: p.text }), redo: () => api.propositions.update({ id: p.id, text }) };
  });
}

/** Deletes a proposition with its claim links and document stances; undo restores all of it. */
export function deleteProposition(ctx: ChangeContext, p: Proposition): Promise<boolean> {
  let snapshot: PropositionSnapshot;
  return saveChange({ ...ctx, description: 'delete proposition' }, async () => {
    snapshot = await api.propositions.delete({ id: p.id });
    return {
      undo: () => api.propositions.restore({ snapshot }),
      redo: async () => (snapshot = await api.propositions.delete({ id: p.id })),
    };
  });
}

/** Merges sources into the target; undo restores each source (moving its links back), as the contract says. */
export function mergePropositions(ctx: ChangeContext, target: Proposition, sources: Proposition[]): Promise<boolean> {
  const sourceIds = sources.map((s) => s.id);
  return saveChange({ ...ctx, description: `merge ${sources.length + 1} propositions` }, async () => {
    let result = await api.propositions.merge({ targetId: target.id, sourceIds });
    return {
      undo: async () => {
        for (const snapshot of result.merged) await api.propositions.restore({ snapshot });
      },
      redo: async () => (result = await api.propositions.merge({ targetId: target.id, sourceIds })),
    };
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
  const put = (s: { id?: string; stance: string; justification: string }) => api.stances.setDocument({ documentId, propositionId, ...s });
  const clear = () => api.stances.clearDocument({ documentId, propositionId });
  const description = next ? `set the stance of ${target.documentTitle}` : `clear the stance of ${target.documentTitle}`;
  return saveChange({ ...ctx, description }, async () => {
    if (!next) {
      const gone = await clear();
      return { undo: () => put({ id: gone.id, stance: gone.stance, justification: gone.justification }), redo: clear };
    }
    const { stance, previous } = await put({ ...(current ? {} : { id: crypto.randomUUID() }), ...next });
    return {
      undo: () => (previous ? put({ id: previous.id, stance: previous.stance, justification: previous.justification }) : clear()),
      redo: () => put({ id: stance.id, ...next }),
    };
  });
}
