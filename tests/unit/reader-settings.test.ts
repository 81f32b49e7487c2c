import { describe, expect, it } from 'vitest';
import type { Project } from '../../electron/backend/project.ts';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { freshProjectPerTest } from '../support/project.ts';

describe('reader settings in the project file', () => {
  let project: Project;
  freshProjectPerTest((p) => (project = p));

  /** The dispatcher answers envelopes; these tests want the result, or the error's message. */
  const call = async (method: string, args: unknown) => {
    const r = (await createDispatcher(project)(method as never, args as never)) as { ok: boolean; result?: unknown; error?: { message: string } };
    if (!r.ok) throw new Error(r.error!.message);
    return r.result;
  };

  it('has defaults, saves changes, returns the previous settings for undo, and keeps them across reopening', async () => {
    const dispatch = call;
    expect(await dispatch('project.readerSettings', {})).toEqual({ snapToWords: true, showRelationArcs: false });
    const done = await dispatch('project.setReaderSettings', { snapToWords: false });
    expect(done).toEqual({ settings: { snapToWords: false, showRelationArcs: false }, previous: { snapToWords: true, showRelationArcs: false } });
    await dispatch('project.setReaderSettings', { showRelationArcs: true });
    if (project.engine === 'sqlite') {
      // Stored in the project file's settings table, where another Gloss reads it.
      const row = project.db.prepare("SELECT value FROM settings WHERE key = 'reader'").get() as { value: string };
      expect(JSON.parse(row.value)).toEqual({ snapToWords: false, showRelationArcs: true });
    }
    expect(await dispatch('project.readerSettings', {})).toEqual({ snapToWords: false, showRelationArcs: true });
  });

  it('rejects settings it does not know', async () => {
    const dispatch = call;
    await expect(dispatch('project.setReaderSettings', { snapWords: true })).rejects.toThrow(/snapWords/);
  });
});
