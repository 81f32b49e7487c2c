import type { Annotation } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';

/** The curated layer as a list, each annotation removable from the keyboard (the Curated column is read-only). */
export function CuratedList({ annotations, labelName, onRemoved }: { annotations: Annotation[]; labelName(id: string): string; onRemoved(): Promise<void> }) {
  return (
    <details className="gl-curated-list">
      <summary>Curated annotations ({annotations.length})</summary>
      <ul aria-label="Curated annotations">
        {annotations.map((a) => (
          <li key={a.id}>
            <strong>{labelName(a.labelId)}</strong> “{a.quote}”{' '}
            <button
              type="button"
              aria-label={`Remove ${labelName(a.labelId)} “${a.quote}” from the curated layer`}
              onClick={async () => {
                try {
                  await api.annotations.delete({ id: a.id });
                  await onRemoved();
                } catch (err) {
                  notify('error', messageOf(err));
                }
              }}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
