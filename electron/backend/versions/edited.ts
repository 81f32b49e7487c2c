import { GlossError, QUOTE_GAP, type Block, type TextRange, type VersionReport } from '../../../shared/index.ts';
import { equalRuns, OffsetMap, reanchor } from '../anchoring/index.ts';
import type { Project } from '../project.ts';
import { checkRanges } from '../store/annotations.ts';
import { currentVersion } from './history.ts';
import { describeChange } from './summary.ts';
import { saveVersion, type Placement, type SaveHooks } from './save.ts';
import { anchorInputs } from './update.ts';

/** Text edited in the reader, with where the editor mapped each annotation. */
export interface EditedText {
  documentId: string;
  /** The version the edits started from; refused when the document has moved on. */
  baseVersion?: number;
  text: string;
  /** The new text's blocks; mapped from the old ones through the diff when absent. */
  blocks?: Block[];
  /** Annotations as the editor mapped them: null ranges when their text was deleted entirely. */
  annotations: readonly { id: string; ranges: TextRange[] | null }[];
  summary?: string;
}

/**
 * Saves text edited in the reader as the document's next version, in one
 * transaction. The editor's mapping is taken as it is (it saw the edits):
 * an annotation whose ranges cover its quote exactly is `kept`, one whose
 * text differs is `changed`, one without ranges `orphaned`. Annotations the
 * editor did not list (orphans it never drew, say) are re-anchored here.
 */
export function saveEditedText(project: Project, edit: EditedText, hooks?: SaveHooks): VersionReport {
  const doc = project.documents.get(edit.documentId);
  const base = currentVersion(project, edit.documentId);
  if (edit.baseVersion !== undefined && edit.baseVersion !== base) {
    throw new GlossError('conflict', `"${doc.title}" is at version ${base}, not ${edit.baseVersion}: it changed while it was being edited; nothing was saved`);
  }
  if (edit.text === doc.text) throw new GlossError('conflict', `the text of "${doc.title}" did not change; no new version was made`);
  if (!edit.text.trim()) throw new GlossError('validation', `the new text of "${doc.title}" is empty; nothing was saved`);
  const blocks = edit.blocks ? checkBlocks(edit.blocks, edit.text) : mapBlocks(doc.blocks, doc.text, edit.text);
  const mapped = new Map(edit.annotations.map((a) => [a.id, a.ranges]));
  return saveVersion(
    project,
    edit.documentId,
    { text: edit.text, blocks, title: doc.title, summary: edit.summary?.trim() || `Edited: ${describeChange(doc.text, edit.text)}`, source: 'edit' },
    (oldText, anchors) => {
      const rest = anchors.filter((a) => !mapped.has(a.id));
      const fallback = new Map(reanchor(oldText, edit.text, anchorInputs(rest)).map((r) => [r.id, r]));
      return anchors.map((a): Placement => {
        const fb = fallback.get(a.id);
        if (fb) return { id: a.id, status: fb.status, ranges: fb.ranges };
        const given = mapped.get(a.id)!;
        if (!given) return { id: a.id, status: 'orphaned', ranges: null };
        let ranges: TextRange[];
        try {
          ranges = checkRanges(given, edit.text);
        } catch (err) {
          throw new GlossError('validation', `annotation ${a.id}: ${(err as Error).message}; nothing was saved`);
        }
        const quote = ranges.map((r) => edit.text.slice(r.start, r.end)).join(QUOTE_GAP);
        return { id: a.id, status: quote === a.quote ? 'kept' : 'changed', ranges };
      });
    },
    hooks,
  );
}

/** Blocks must lie within the text, in order. */
function checkBlocks(blocks: readonly Block[], text: string): Block[] {
  let last = 0;
  for (const b of blocks) {
    if (b.end > text.length || b.start > b.end || b.start < last) {
      throw new GlossError('validation', `block [${b.start}, ${b.end}) is out of order or past the end of the text (length ${text.length}); nothing was saved`);
    }
    last = b.end;
  }
  return [...blocks];
}

/** The old blocks mapped through the diff; blocks whose text is gone are dropped. */
export function mapBlocks(blocks: readonly Block[], oldText: string, newText: string): Block[] {
  const map = new OffsetMap(equalRuns(oldText, newText), newText.length);
  const out: Block[] = [];
  let last = 0;
  for (const b of blocks) {
    // Text inserted at the start of a block belongs to it: the start follows the character before it.
    const start = Math.max(last, b.start > 0 ? map.end(b.start).offset : 0);
    const end = b.end > b.start ? map.end(b.end).offset : start;
    if (end > start) {
      out.push({ ...b, start, end });
      last = end;
    }
  }
  return out;
}
