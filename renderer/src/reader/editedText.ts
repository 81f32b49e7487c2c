import type { Node as PMNode } from 'prosemirror-model';
import type { Block, TextRange } from '../../../shared/index.ts';
import { OffsetMap } from './offsets.ts';

/** What `versions.saveEdited` takes from the editor: the new text, its blocks and where each annotation now lies. */
export interface EditedText {
  text: string;
  blocks: Block[];
  /** Null ranges: the annotation's text was deleted (orphaned). */
  annotations: { id: string; ranges: TextRange[] | null }[];
}

/**
 * The edited document as text. Edit mode keeps the blocks (it edits text
 * within them), so the new text is the old one with each block's content
 * replaced: what lay between blocks (newlines, lines not shown) is kept.
 * Offsets are UTF-16 code units on both sides, as ProseMirror and the API count.
 */
export function editedText(
  doc: PMNode,
  oldText: string,
  oldMap: OffsetMap,
  /** Each annotation drawn when editing began, with its position ranges now (absent or empty: deleted). */
  annotations: Iterable<[string, { from: number; to: number }[] | undefined]>,
): EditedText {
  const contents: string[] = [];
  doc.descendants((node) => {
    if (node.isTextblock) {
      contents.push(node.textContent);
      return false;
    }
    return true;
  });
  if (contents.length !== oldMap.blocks.length) throw new Error(`the edited text has ${contents.length} blocks, not ${oldMap.blocks.length}`);
  const parts: string[] = [];
  const blocks: Block[] = [];
  let oldEnd = 0;
  let length = 0;
  oldMap.blocks.forEach((b, i) => {
    const gap = oldText.slice(oldEnd, b.start);
    const content = contents[i]!;
    parts.push(gap, content);
    blocks.push({ ...b, start: length + gap.length, end: length + gap.length + content.length });
    length += gap.length + content.length;
    oldEnd = b.end;
  });
  parts.push(oldText.slice(oldEnd));
  const newMap = new OffsetMap(blocks, oldMap.sectionSize);
  const mapped: EditedText['annotations'] = [];
  for (const [id, ranges] of annotations) {
    const text = (ranges ?? []).map((r) => ({ start: newMap.toOffset(r.from), end: newMap.toOffset(r.to) })).filter((r) => r.end > r.start);
    mapped.push({ id, ranges: text.length ? text : null });
  }
  return { text: parts.join(''), blocks, annotations: mapped };
}
