import { LS_SCHEME } from '../interop/labelstudio/parse.ts';
import { LsPredictionSchema, regionLabels, regionRange } from '../interop/labelstudio/schema.ts';
import { rangesFromCodePoints } from '../interop/text.ts';
import type { Project } from '../project.ts';
import { sourceKey } from '../store/source-ids.ts';

/** A suggestion a file brought along (a Label Studio prediction), by label name and UTF-16 range. */
export interface ImportedCandidate {
  labelName: string;
  start: number;
  end: number;
  reason: string;
}

/**
 * The predictions kept with a document imported from Label Studio, as
 * candidates: each region of each prediction, with the model and score as
 * the reason. Offsets are converted from code points; regions that do not fit
 * the text are left out.
 */
export function importedCandidates(project: Project, documentId: string, text: string): ImportedCandidate[] {
  const kept = project.sourceIds.byDocument(LS_SCHEME, documentId).get(sourceKey(documentId));
  const predictions = (kept?.extra as { task?: { predictions?: unknown } } | undefined)?.task?.predictions;
  if (!Array.isArray(predictions)) return [];
  const out: ImportedCandidate[] = [];
  for (const raw of predictions) {
    const p = LsPredictionSchema.safeParse(raw);
    if (!p.success) continue;
    const reason = `Label Studio prediction${p.data.model_version ? ` (${p.data.model_version}` : ' ('}${typeof p.data.score === 'number' ? `${p.data.model_version ? ', ' : ''}score ${p.data.score}` : ''})`.replace(' ()', '');
    for (const r of p.data.result) {
      const range = regionRange(r);
      const label = regionLabels(r)?.[0];
      if (!range || !label) continue;
      try {
        const [u] = rangesFromCodePoints(text, [range]);
        if (u!.end > u!.start) out.push({ labelName: label, start: u!.start, end: u!.end, reason });
      } catch {
        // A prediction past the end of the text is not offered.
      }
    }
  }
  return out;
}
