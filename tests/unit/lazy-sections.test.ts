import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { allSectionsDrawn, DORMANT_CLASS, lazySectionsPlugin } from '../../renderer/src/reader/lazySections.ts';
import { buildDoc } from '../../renderer/src/reader/offsets.ts';
import { generateDocument } from '../bench/generate.ts';

// Which sections of a long document are placeholders: the state, without a view.
function dormantAt(state: EditorState): boolean[] {
  const out: boolean[] = [];
  const plugin = state.plugins.find((p) => (p as unknown as { key: string }).key.startsWith('lazySections'))!;
  const decos = (plugin.getState(state) as { decorations: { find(): { from: number; spec: { dormant?: boolean } }[] } }).decorations.find();
  const starts = new Set(decos.filter((d) => d.spec.dormant).map((d) => d.from));
  state.doc.forEach((_node, pos) => out.push(starts.has(pos)));
  return out;
}

describe('lazy sections', () => {
  it('draws the start of a long document at once and the rest when the selection goes there', () => {
    const gen = generateDocument(3, { paragraphs: 2000, chars: 400_000 });
    const { doc } = buildDoc(gen.text, gen.blocks);
    let state = EditorState.create({ doc, plugins: [lazySectionsPlugin()] });
    const dormant = dormantAt(state);
    expect(dormant[0]).toBe(false);
    expect(dormant.filter(Boolean).length).toBeGreaterThan(dormant.length / 2);
    expect(dormant[dormant.length - 1]).toBe(true);
    expect(allSectionsDrawn(state)).toBe(false);
    // A selection in the last section draws it, in the same transaction.
    const lastStart = doc.content.size - doc.lastChild!.nodeSize;
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, lastStart + 3)));
    const after = dormantAt(state);
    expect(after[after.length - 1]).toBe(false);
    expect(after.filter(Boolean).length).toBe(dormant.filter(Boolean).length - 1);
    expect(DORMANT_CLASS).toBe('gl-dormant');
  });

  it('leaves short documents alone', () => {
    const gen = generateDocument(3, { paragraphs: 40, chars: 8000 });
    const { doc } = buildDoc(gen.text, gen.blocks);
    const state = EditorState.create({ doc, plugins: [lazySectionsPlugin()] });
    expect(allSectionsDrawn(state)).toBe(true);
    expect(dormantAt(state).some(Boolean)).toBe(false);
  });
});
