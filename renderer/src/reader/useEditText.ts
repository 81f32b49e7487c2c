import { useRef, useState, type RefObject } from 'react';
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Document } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';
import { reportLine } from '../versions/importVersion.ts';
import { annotationKey } from './annotationPlugin.ts';
import { editedText } from './editedText.ts';
import type { OffsetMap } from './offsets.ts';
import { editTextKey, isEditing, setEditing } from './plugins/editTextPlugin.ts';

interface Options {
  documentId: string;
  viewRef: RefObject<EditorView | null>;
  doc: Document | null;
  map: OffsetMap | null;
  history: History;
  /** Loads the document and its annotations again (after a save, an undo or a redo). */
  reload(): void;
}

export interface EditText {
  editing: boolean;
  saving: boolean;
  /** The button's action: switch edit mode on or off (off saves). */
  toggle(): void;
  /** For the edit plugin: the mode changed (from the button, the shortcut, or the view going away). */
  changed(view: EditorView, editing: boolean, state: EditorState): void;
}

/**
 * The reader's "Edit text" mode, seen from React: whether it is on, and what
 * leaving it does. The behaviour while editing is the edit plugin's
 * (plugins/editTextPlugin.ts); leaving saves the new text and every mapped
 * annotation in one `versions.saveEdited` call, shows the counts, pushes an
 * undo step (restoring the previous version, as a new one) and reloads.
 */
export function useEditText({ documentId, viewRef, doc, map, history, reload }: Options): EditText {
  const [editing, setEditingState] = useState(false);
  const [saving, setSaving] = useState(false);
  const baseVersion = useRef<number | undefined>(undefined);

  async function save(view: EditorView, state: EditorState) {
    const drawn = editTextKey.getState(state)?.drawn;
    const ranges = annotationKey.getState(state)?.ranges;
    if (!doc || !map || !drawn || !ranges) return;
    let edit;
    try {
      edit = editedText(state.doc, doc.text, map, [...drawn].map((id) => [id, ranges.get(id)] as const));
    } catch (err) {
      notify('error', `Could not read the edited text: ${messageOf(err)}`);
      return;
    }
    if (edit.text === doc.text) {
      notify('info', 'The text did not change: no new version was made.');
      return;
    }
    setSaving(true);
    try {
      const report = await api.versions.saveEdited({
        documentId,
        ...(baseVersion.current ? { baseVersion: baseVersion.current } : {}),
        text: edit.text,
        blocks: edit.blocks,
        annotations: edit.annotations,
      });
      notify('info', `Text saved. ${reportLine(report)}`);
      const restore = (version: number) => async () => {
        await api.versions.restore({ documentId, version });
        reload();
      };
      // Named with its document: when saved on navigating away, the page shown is another one.
      history.pushForward({ description: 'edit the text', document: { id: documentId, title: doc.title } }, { undo: restore(report.version - 1), redo: restore(report.version) });
      reload();
    } catch (err) {
      notify('error', `The edited text was not saved: ${messageOf(err)}`);
      // Still on the page: back to editing, so the edits are not lost.
      if (!view.isDestroyed) setEditing(view, true);
    } finally {
      setSaving(false);
    }
  }

  return {
    editing,
    saving,
    toggle() {
      const view = viewRef.current;
      if (!view) return;
      setEditing(view, !isEditing(view.state));
      view.focus();
    },
    changed(view, on, state) {
      if (!view.isDestroyed) setEditingState(on);
      history.hold(on ? 'The text is being edited: Ctrl+Z in the text undoes its edits; choose “Done editing” to save them before undoing other actions.' : null);
      if (on) {
        baseVersion.current = undefined;
        api.versions.list({ documentId }).then(
          (list) => (baseVersion.current = list.find((v) => v.current)?.version),
          () => undefined,
        );
      } else void save(view, state);
    },
  };
}
