import type { SkippedFile } from '../../../shared/index.ts';
import { Modal } from '../common/Modal.tsx';

interface Props {
  /** Files that cannot be imported, with why. */
  bad: SkippedFile[];
  /** How many files would be imported without them. */
  good: number;
  onImportGood(): void;
  onClose(): void;
}

/**
 * After a batch failed (and stored nothing): which files are bad and why,
 * and the explicit choice to import the good ones and leave the rest.
 */
export function ImportProblemsDialog({ bad, good, onImportGood, onClose }: Props) {
  return (
    <Modal
      title="Some files cannot be imported"
      role="alertdialog"
      onClose={onClose}
      initialFocus=".gl-import-good, .gl-import-close"
      description={
        <p>
          Nothing was imported: a batch is all or nothing. {bad.length} file{bad.length === 1 ? '' : 's'} cannot be imported
          {good ? `; the other ${good} can.` : ', and no file of the batch can.'}
        </p>
      }
    >
      <ul className="gl-problem-list" aria-label="Files that cannot be imported">
        {bad.map((b) => (
          <li key={b.file}>
            <span className="gl-file">{b.file}</span>: {b.message.startsWith(`${b.file}: `) ? b.message.slice(b.file.length + 2) : b.message}
          </li>
        ))}
      </ul>
      <div className="gl-modal-actions">
        <button type="button" className="gl-import-close" onClick={onClose}>
          {good ? 'Import nothing' : 'Close'}
        </button>
        {good > 0 && (
          <button type="button" className="gl-primary gl-import-good" onClick={onImportGood}>
            Import the {good} good file{good === 1 ? '' : 's'}
          </button>
        )}
      </div>
    </Modal>
  );
}
