import type { Collection, DocumentSummary, MetadataChanges } from '../../../shared/index.ts';
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

/** Changes a document's title and/or metadata (only the fields given), with undo; `what` names the step ("edit outlet"). */
export function updateDocument(ctx: LibraryContext, doc: DocumentSummary, changes: { title?: string; metadata?: MetadataChanges }, what = 'edit document details'): Promise<boolean> {
  return attempt(ctx, 'Saving the document details', async () => {
    await ctx.history.record({ description: what, document: { id: doc.id, title: doc.title } }, (client) => client.documents.update({ id: doc.id, ...changes }));
  });
}

/** Moves a document to the trash, with undo (restore) and an Undo button in the message. */
export function trashDocument(ctx: LibraryContext, doc: DocumentSummary, label: string): Promise<boolean> {
  return attempt(ctx, 'Deleting the document', async () => {
    await ctx.history.record({ description: 'delete document', document: { id: doc.id, title: label } }, (client) => client.documents.delete({ id: doc.id }));
    notify('info', `Moved “${label}” to the trash.`, { label: 'Undo', run: () => void ctx.history.undo() });
  });
}

/** Restores a trashed document (from the trash dialog). */
export function restoreDocument(ctx: LibraryContext, trashId: string, title: string): Promise<boolean> {
  return attempt(ctx, 'Restoring the document', async () => {
    const { dropped } = await ctx.history.record(
      (restored: { documentId: string }) => ({ description: 'restore document', document: { id: restored.documentId, title } }),
      (client) => client.trash.restore({ id: trashId }),
    );
    const lost = Object.values(dropped).reduce((a, b) => a + b, 0);
    notify('info', `Restored “${title}”${lost ? `; ${lost} link(s) to records deleted since could not be restored` : ''}.`);
  });
}

/** Creates a collection with the given documents, with undo. */
export function createCollection(ctx: LibraryContext, name: string, documentIds: string[]): Promise<Collection | null> {
  let made: Collection | null = null;
  return attempt(ctx, 'Creating the collection', async () => {
    made = await ctx.history.record((c: Collection) => ({ description: `create collection “${c.name}”` }), (client) => client.collections.create({ name, documentIds }));
  }).then(() => made);
}

/** Adds documents to a collection, with undo. */
export function addToCollection(ctx: LibraryContext, c: Collection, documentIds: string[]): Promise<boolean> {
  return attempt(ctx, 'Adding to the collection', async () => {
    const { added } = await ctx.history.record(
      (r: { added: string[] }) => ({ description: `add ${r.added.length} document(s) to “${c.name}”` }),
      (client) => client.collections.addDocuments({ id: c.id, documentIds }),
    );
    notify('info', added.length ? `Added ${added.length} document(s) to “${c.name}”.` : `Those documents are already in “${c.name}”.`);
  });
}

/** Removes documents from a collection (not from the project), with undo. */
export function removeFromCollection(ctx: LibraryContext, c: Collection, documentIds: string[]): Promise<boolean> {
  return attempt(ctx, 'Removing from the collection', async () => {
    await ctx.history.record(
      (r: { removed: string[] }) => ({ description: `remove ${r.removed.length} document(s) from “${c.name}”` }),
      (client) => client.collections.removeDocuments({ id: c.id, documentIds }),
    );
  });
}

/** Deletes a collection (its documents stay), with undo. */
export function deleteCollection(ctx: LibraryContext, c: Collection): Promise<boolean> {
  return attempt(ctx, 'Deleting the collection', async () => {
    await ctx.history.record({ description: `delete collection “${c.name}”` }, (client) => client.collections.delete({ id: c.id }));
  });
}
