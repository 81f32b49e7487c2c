// The app's History over the real backend: each user action's calls become
// undo steps in the backend's journal, undo and redo go through
// history.undo / history.redo, and a step another session changed since is
// refused and dropped instead of undoing their work. Two "tabs" are two
// clients of one dispatcher on a real project (file, or PostgreSQL in the
// unit-postgres project).
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/backend/api/dispatch.ts';
import { createCall, createClient, createRecordingClient, type Call } from '../../renderer/src/api/call.ts';
import { History, type HistoryEntry } from '../../renderer/src/undo/history.ts';
import type { Annotation, Client, DocumentSummary, Label, UndoOutcome } from '../../shared/index.ts';
import { freshProjectPerTest } from '../support/project.ts';

let dispatch: Dispatch;
freshProjectPerTest((p) => {
  dispatch = createDispatcher(p);
});

/** One tab: its calls, its client and its History, as the renderer builds them. */
function tab(name: string) {
  const call: Call = createCall((method, args, meta) => dispatch(method, args, undefined, { step: meta?.step, client: name }), 0);
  const api: Client = createClient(call);
  const errors: string[] = [];
  const after: { entry: HistoryEntry; kind: string; outcome: UndoOutcome }[] = [];
  const history = new History(
    {
      undo: (steps) => api.history.undo({ steps: [...steps] }),
      redo: (steps) => api.history.redo({ steps: [...steps] }),
      recordingClient: (onStep) => createRecordingClient(call, onStep),
    },
    (err) => errors.push((err as Error).message),
    (entry, kind, outcome) => after.push({ entry, kind, outcome }),
  );
  return { api, history, errors, after };
}

async function setup(api: Client): Promise<{ doc: DocumentSummary; person: Label; location: Label }> {
  const [doc] = await api.documents.import({ files: [{ name: 'a.txt', base64: Buffer.from('Imran Khan spoke in Lahore on Friday.').toString('base64') }] });
  const labels = await api.labels.list({});
  return { doc: doc!, person: labels.find((l) => l.name === 'Person')!, location: labels.find((l) => l.name === 'Location')! };
}

describe('History over the backend', () => {
  it('undoes and redoes actions made of one or several calls', async () => {
    const a = tab('tab-a');
    const { doc, person, location } = await setup(a.api);
    const made = await a.history.record({ description: 'tag Person' }, (client) => client.annotations.create({ documentId: doc.id, ranges: [{ start: 0, end: 10 }], labelId: person.id }));
    // One action, two calls: tag a place and write a note on it.
    await a.history.record({ description: 'tag Location with a note' }, async (client) => {
      const x = await client.annotations.create({ documentId: doc.id, ranges: [{ start: 20, end: 26 }], labelId: location.id });
      await client.annotations.update({ id: x.id, note: 'the city' });
    });
    expect(a.history.nextUndo).toBe('tag Location with a note');
    expect(await a.api.annotations.list({ documentId: doc.id })).toHaveLength(2);

    await a.history.undo();
    expect((await a.api.annotations.list({ documentId: doc.id })).map((x) => x.id)).toEqual([made.id]);
    expect(a.after.at(-1)?.outcome.documentIds).toEqual([doc.id]);
    await a.history.undo();
    expect(await a.api.annotations.list({ documentId: doc.id })).toEqual([]);
    expect(a.history.canUndo).toBe(false);

    await a.history.redo();
    await a.history.redo();
    const back = await a.api.annotations.list({ documentId: doc.id });
    expect(back.map((x: Annotation) => [x.quote, x.note])).toEqual([
      ['Imran Khan', ''],
      ['Lahore', 'the city'],
    ]);
    expect(a.errors).toEqual([]);
  });

  it('does not push an action that stored nothing, and reads are not steps', async () => {
    const a = tab('tab-a');
    await setup(a.api);
    await a.history.record({ description: 'look' }, (client) => client.documents.list({}));
    expect(a.history.canUndo).toBe(false);
  });

  it("never undoes another tab's later change: the step is refused, dropped, and nothing changes", async () => {
    const a = tab('tab-a');
    const b = tab('tab-b');
    const { doc, person, location } = await setup(a.api);
    await a.history.record({ description: 'tag Location' }, (client) => client.annotations.create({ documentId: doc.id, ranges: [{ start: 20, end: 26 }], labelId: location.id }));
    const x = await a.history.record({ description: 'tag Person' }, (client) => client.annotations.create({ documentId: doc.id, ranges: [{ start: 0, end: 10 }], labelId: person.id }));
    // Tab B relabels tab A's annotation, with its own undo step.
    await b.history.record({ description: 'relabel' }, (client) => client.annotations.update({ id: x.id, labelId: location.id }));

    await a.history.undo();
    expect(a.errors).toHaveLength(1);
    expect(a.errors[0]).toMatch(/changed since/);
    expect((await a.api.annotations.list({ documentId: doc.id })).find((y) => y.id === x.id)?.labelId).toBe(location.id);
    // Dropped: the older action can still be undone.
    expect(a.history.nextUndo).toBe('tag Location');
    await a.history.undo();
    expect((await a.api.annotations.list({ documentId: doc.id })).map((y) => y.id)).toEqual([x.id]);

    // Tab B's own undo is its own.
    await b.history.undo();
    expect(b.errors).toEqual([]);
    expect((await b.api.annotations.list({ documentId: doc.id })).map((y) => y.labelId)).toEqual([person.id]);
  });
});
