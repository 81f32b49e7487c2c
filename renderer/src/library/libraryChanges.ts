import type { Collection, DocumentSummary, MetadataChanges } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';

/** What library changes need: the history, and a way to reload what the page shows. */
export interface LibraryContext {
  history: History;
  refresh(): void;
}

/** Runs a change; on failure tells the user and answers false. */
async function attempt(ctx: LibraryContext, what: string, run: () => Promise<void>): Promise<boolean> {
  try {
    await run();
    ctx.refresh();
    return true;
  } catch (err) {
    notify('error', `${what} failed: ${messageOf(err)}`);
    return false;
  }
}

/** The metadata fields Gloss edits, with their labels. */
export const METADATA_FIELDS = [
  { key: 'outlet', label: 'Outlet' },
  { key: 'author', label: 'Author' },
  { key: 'published', label: 'Date' },
  { key: 'url', label: 'URL' },
  { key: 'language', label: 'Language' },
] as const;

/** Changes a document's title and metadata, with undo. */
export function updateDocument(ctx: LibraryContext, doc: DocumentSummary, title: string, metadata: MetadataChanges): Promise<boolean> {
  return attempt(ctx, 'Saving the document details', async () => {
    const { before } = await api.documents.update({ id: doc.id, title, metadata });
    const previous: MetadataChanges = Object.fromEntries(METADATA_FIELDS.map((f) => [f.key, before.metadata[f.key] ?? '']));
    ctx.history.push({
      description: 'edit document details',
      document: { id: doc.id, title: before.title },
      undo: async () => {
        await api.documents.update({ id: doc.id, title: before.title, metadata: previous });
        ctx.refresh();
      },
      redo: async () => {
        await api.documents.update({ id: doc.id, title, metadata });
        ctx.refresh();
      },
    });
  });
}

/** Moves a document to the trash, with undo (restore) and an Undo button in the message. */
export function trashDocument(ctx: LibraryContext, doc: DocumentSummary, label: string): Promise<boolean> {
  return attempt(ctx, 'Deleting the document', async () => {
    let { trashId } = await api.documents.delete({ id: doc.id });
    const entry = {
      description: 'delete document',
      document: { id: doc.id, title: label },
      undo: async () => {
        await api.trash.restore({ id: trashId });
        ctx.refresh();
      },
      redo: async () => {
        trashId = (await api.documents.delete({ id: doc.id })).trashId;
        ctx.refresh();
      },
    };
    ctx.history.push(entry);
    notify('info', `Moved “${label}” to the trash.`, { label: 'Undo', run: () => void ctx.history.undo() });
  });
}

/** Restores a trashed document (from the trash dialog). */
export function restoreDocument(ctx: LibraryContext, trashId: string, title: string): Promise<boolean> {
  return attempt(ctx, 'Restoring the document', async () => {
    const { documentId, dropped } = await api.trash.restore({ id: trashId });
    const lost = Object.values(dropped).reduce((a, b) => a + b, 0);
    let currentTrash = trashId;
    ctx.history.push({
      description: 'restore document',
      document: { id: documentId, title },
      undo: async () => {
        currentTrash = (await api.documents.delete({ id: documentId })).trashId;
        ctx.refresh();
      },
      redo: async () => {
        await api.trash.restore({ id: currentTrash });
        ctx.refresh();
      },
    });
    notify('info', `Restored “${title}”${lost ? `; ${lost} link(s) to records deleted since could not be restored` : ''}.`);
  });
}

/** Creates a collection with the given documents, with undo. */
export function createCollection(ctx: LibraryContext, name: string, documentIds: string[]): Promise<Collection | null> {
  let made: Collection | null = null;
  return attempt(ctx, 'Creating the collection', async () => {
    const c = await api.collections.create({ name, documentIds });
    made = c;
    ctx.history.push({
      description: `create collection “${c.name}”`,
      undo: async () => {
        await api.collections.delete({ id: c.id });
        ctx.refresh();
      },
      redo: async () => {
        await api.collections.create({ id: c.id, name: c.name, documentIds: c.documentIds });
        ctx.refresh();
      },
    });
  }).then(() => made);
}

/** Adds documents to a collection, with undo. */
export function addToCollection(ctx: LibraryContext, c: Collection, documentIds: string[]): Promise<boolean> {
  return attempt(ctx, 'Adding to the collection', async () => {
    const { added } = await api.collections.addDocuments({ id: c.id, documentIds });
    notify('info', added.length ? `Added ${added.length} document(s) to “${c.name}”.` : `Those documents are already in “${c.name}”.`);
    if (!added.length) return;
    ctx.history.push({
      description: `add ${added.length} document(s) to “${c.name}”`,
      undo: async () => {
        await api.collections.removeDocuments({ id: c.id, documentIds: added });
        ctx.refresh();
      },
      redo: async () => {
        await api.collections.addDocuments({ id: c.id, documentIds: added });
        ctx.refresh();
      },
    });
  });
}

/** Removes documents from a collection (not from the project), with undo. */
export function removeFromCollection(ctx: LibraryContext, c: Collection, documentIds: string[]): Promise<boolean> {
  return attempt(ctx, 'Removing from the collection', async () => {
    const { removed } = await api.collections.removeDocuments({ id: c.id, documentIds });
    if (!removed.length) return;
    ctx.history.push({
      description: `remove ${removed.length} document(s) from “${c.name}”`,
      undo: async () => {
        await api.collections.addDocuments({ id: c.id, documentIds: removed });
        ctx.refresh();
      },
      redo: async () => {
        await api.collections.removeDocuments({ id: c.id, documentIds: removed });
        ctx.refresh();
      },
    });
  });
}

/** Deletes a collection (its documents stay), with undo. */
export function deleteCollection(ctx: LibraryContext, c: Collection): Promise<boolean> {
  return attempt(ctx, 'Deleting the collection', async () => {
    const gone = await api.collections.delete({ id: c.id });
    ctx.history.push({
      description: `delete collection “${gone.name}”`,
      undo: async () => {
        await api.collections.create({ id: gone.id, name: gone.name, documentIds: gone.documentIds });
        ctx.refresh();
      },
      redo: async () => {
        await api.collections.delete({ id: gone.id });
        ctx.refresh();
      },
    });
  });
}
