import { useAccess } from '../team/access.tsx';
import type { EditText } from './useEditText.ts';

/**
 * The "Edit text" switch above the text, with its shortcut (Ctrl+E, Cmd+E on
 * a Mac, in the text). While it is on, a line says what changes.
 */
export function EditTextToggle({ edit }: { edit: EditText }) {
  // Changing the text is a curator's on a team server (the backend refuses it to annotators).
  if (!useAccess().can('versions.saveEdited')) return null;
  return (
    <div className="gl-edit-text" role="group" aria-label="Text editing">
      <button
        type="button"
        aria-pressed={edit.editing}
        aria-keyshortcuts="Control+E Meta+E"
        disabled={edit.saving}
        title={edit.editing ? 'Save the edited text as a new version (Ctrl+E)' : 'Edit the text; annotations follow it (Ctrl+E)'}
        onMouseDown={(e) => e.preventDefault() /* keep the caret in the text */}
        onClick={edit.toggle}
      >
        {edit.saving ? 'Saving…' : edit.editing ? 'Done editing' : 'Edit text'}
      </button>
      {edit.editing && (
        <span className="gl-muted" role="note">
          Editing the text: labelling keys are off; Ctrl+Z undoes edits; annotations whose text is deleted are kept for review.
        </span>
      )}
    </div>
  );
}
