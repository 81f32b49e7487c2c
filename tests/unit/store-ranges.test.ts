// Ranges are UTF-16 offsets: one that falls inside a surrogate pair (half an
// emoji, half a flag's regional indicator) is refused with a clear error, on
// create and on update, and nothing is written; ranges between code points
// (between a flag's two indicators, before a skin-tone modifier) are kept.
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { lineBlocks } from '../../electron/backend/import/blocks.ts';
import type { Project } from '../../electron/backend/project.ts';
import { freshProjectPerTest } from '../support/project.ts';

let project: Project;
freshProjectPerTest((p) => (project = p));

//            0123456 7 8 9 0 1 2 3 45678
const TEXT = 'Thumbs 👍🏽 and 🇵🇰 flags.';
// 👍 is 7–8, 🏽 9–10; 🇵 16–17, 🇰 18–19.

function setup() {
  project.documents.insert({ id: 'd', name: 'd', title: 'd', text: TEXT, blocks: lineBlocks(TEXT), metadata: { format: 'txt' }, contentHash: 'h' });
  return { dispatch: createDispatcher(project), labelId: project.labels.list()[0]!.id };
}

describe('ranges that split a surrogate pair', () => {
  for (const [what, start, end, offset, char] of [
    ['starts inside an emoji', 8, 11, 8, '👍'],
    ['ends inside an emoji', 7, 8, 8, '👍'],
    ['ends inside a skin-tone modifier', 7, 10, 10, '🏽'],
    ["starts inside a flag's first indicator", 17, 20, 17, '🇵'],
    ["ends inside a flag's second indicator", 16, 19, 19, '🇰'],
  ] as const) {
    it(`refuses one that ${what}`, async () => {
      const { dispatch, labelId } = setup();
      const r = await dispatch('annotations.create', { documentId: 'd', labelId, ranges: [{ start, end }] });
      expect(r.ok).toBe(false);
      const error = (r as { error: { kind: string; message: string } }).error;
      expect(error.kind).toBe('validation');
      expect(error.message).toContain(`range [${start}, ${end})`);
      expect(error.message).toContain(`(${offset}) falls inside the character "${char}"`);
      expect(project.annotations.listByDocument('d')).toEqual([]);
    });
  }

  it('refuses it on update too, and keeps the annotation as it was', async () => {
    const { dispatch, labelId } = setup();
    const created = await dispatch('annotations.create', { documentId: 'd', labelId, ranges: [{ start: 7, end: 11 }] });
    expect(created.ok).toBe(true);
    const id = (created as { result: { id: string; quote: string } }).result.id;
    expect((created as { result: { quote: string } }).result.quote).toBe('👍🏽');
    const r = await dispatch('annotations.update', { id, ranges: [{ start: 7, end: 8 }] });
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(project.annotations.get(id).quote).toBe('👍🏽');
  });

  it('keeps ranges between code points: the thumb without its skin tone, one regional indicator, the whole flag', async () => {
    const { dispatch, labelId } = setup();
    for (const [start, end, quote] of [
      [7, 9, '👍'],
      [16, 18, '🇵'],
      [16, 20, '🇵🇰'],
    ] as const) {
      const r = await dispatch('annotations.create', { documentId: 'd', labelId, ranges: [{ start, end }] });
      expect(r, JSON.stringify(r)).toMatchObject({ ok: true, result: { quote } });
    }
  });
});
