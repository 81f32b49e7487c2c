import { useCallback, useEffect, useState } from 'react';
import { distinctTitles, type TrashEntry } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { ConfirmDialog, Modal } from '../common/Modal.tsx';
import { restoreDocument, type LibraryContext } from './libraryChanges.ts';

/** The trash: deleted documents to restore (with everything attached) or delete for good. */
export function TrashDialog({ ctx, onClose }: { ctx: LibraryContext; onClose(): void }) {
  const [entries, setEntries] = useState<TrashEntry[] | null>(null);
  const [confirm, setConfirm] = useState<{ id?: string; title: string } | null>(null);
  const load = useCallback(() => {
    api.trash.list({}).then(setEntries, (err) => notify('error', messageOf(err)));
  }, []);
  useEffect(load, [load]);
  // Deleted documents with the same title are told apart by their file names.
  const titles = distinctTitles(entries ?? []);

  async function purge(id?: string) {
    setConfirm(null);
    try {
      const { purged } = await api.trash.purge(id === undefined ? {} : { id });
      notify('info', `Deleted ${purged} document(s) for good.`);
      load();
    } catch (err) {
      notify('error', messageOf(err));
    }
  }

  return (
    <Modal title="Trash" onClose={onClose} description={<p className="gl-muted">Deleted documents wait here with their annotations, links and stances. Restore puts them back as they were.</p>}>
      {entries === null ? (
        <p>Loading…</p>
      ) : entries.length === 0 ? (
        <p className="gl-muted">The trash is empty.</p>
      ) : (
        <>
          <ul className="gl-recent-list" aria-label="Deleted documents">
            {entries.map((t) => {
              const label = titles.get(t.id) ?? t.title;
              return (
                <li key={t.id}>
                  <strong>{label}</strong> <span className="gl-muted gl-small">({t.annotationCount} annotations, deleted {new Date(t.deletedAt).toLocaleString()})</span>{' '}
                  <button type="button" aria-label={`Restore ${label}`} onClick={() => void restoreDocument(ctx, t.id, t.title).then(load)}>
                    Restore
                  </button>{' '}
                  <button type="button" aria-label={`Delete for good: ${label}`} onClick={() => setConfirm({ id: t.id, title: label })}>
                    Delete for good
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="gl-modal-actions">
            <button type="button" onClick={() => setConfirm({ title: `all ${entries.length} documents in the trash` })}>
              Empty trash
            </button>
          </div>
        </>
      )}
      {confirm && (
        <ConfirmDialog
          title="Delete for good?"
          message={<p>Delete {confirm.id ? `“${confirm.title}”` : confirm.title} for good? This cannot be undone.</p>}
          confirmLabel="Delete for good"
          danger
          onConfirm={() => void purge(confirm.id)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </Modal>
  );
}
