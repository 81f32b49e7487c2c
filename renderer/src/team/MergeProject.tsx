import './team.css';
import { useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';

/** Reads a file as base64 (the contract carries binary files that way). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * "Merge project…": other annotators' .gloss files into this project, all or
 * nothing; says what came in (documents, annotations per annotator, conflicts).
 */
export function MergeProject({ onMerged }: { onMerged: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  return (
    <div className="gl-merge-project">
      <button type="button" disabled={busy} onClick={() => input.current?.click()}>
        Merge project…
      </button>
      <input
        ref={input}
        type="file"
        accept=".gloss"
        multiple
        hidden
        aria-label="Gloss projects to merge"
        onChange={async (e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (!files.length) return;
          setBusy(true);
          try {
            const result = await api.team.merge({ files: await Promise.all(files.map(async (f) => ({ name: f.name, content: await base64Of(f) }))) });
            const who = Object.entries(result.annotations).map(([a, n]) => `${a} ${n}`).join(', ');
            setSummary(
              `Merged ${result.files.join(', ')}: ${result.documents.created} new document(s), ${result.documents.matched} matched by text; ${result.counts.annotations ?? 0} annotation(s)${who ? ` (${who})` : ''}; ${result.conflicts.length} conflict(s).`,
            );
            onMerged();
          } catch (err) {
            notify('error', messageOf(err));
          } finally {
            setBusy(false);
          }
        }}
      />
      {summary && <p role="status">{summary}</p>}
    </div>
  );
}
