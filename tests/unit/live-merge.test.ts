// A live refresh of the reader (another session changed the document) must
// not undo what this tab did while the refresh's list was on its way: a tag
// whose save had not reached the store when the list was read stays, and so
// do this tab's edits and deletions of that moment.
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../shared/index.ts';
import { mergeRefresh } from '../../renderer/src/reader/mergeRefresh.ts';

const ann = (id: string, note = ''): Annotation => ({
  id, documentId: 'd', labelId: 'l', ranges: [{ start: 0, end: 4 }], quote: 'text', prefix: '', suffix: '', attributes: {}, note, annotator: 'ana', createdAt: 't', modifiedAt: 't',
});

describe('merging a live refresh with this tab’s own changes', () => {
  const a = ann('a');
  const b = ann('b');
  const base = new Map([['a', a], ['b', b]]);

  it('takes the fresh list when this tab changed nothing meanwhile', () => {
    const fresh = [ann('a', 'edited elsewhere'), ann('c')];
    expect([...mergeRefresh(base, base, fresh).values()]).toEqual(fresh);
  });

  it('keeps a tag made meanwhile, an edit made meanwhile, and a deletion made meanwhile', () => {
    const mine = ann('new');
    const editedHere = ann('a', 'edited here');
    const local = new Map([['a', editedHere], ['new', mine]]); // b deleted here
    const fresh = [ann('a'), b, ann('c')]; // read before this tab's changes were stored; c came from elsewhere
    const merged = mergeRefresh(base, local, fresh);
    expect(merged.get('new')).toBe(mine);
    expect(merged.get('a')).toBe(editedHere);
    expect(merged.has('b')).toBe(false);
    expect(merged.get('c')?.id).toBe('c');
  });

  it('lets another session’s deletion through for what this tab did not touch', () => {
    const merged = mergeRefresh(base, base, [a]);
    expect([...merged.keys()]).toEqual(['a']);
  });
});
