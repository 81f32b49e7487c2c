import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Label } from '../../shared/index.ts';
import { createDispatcher, type Dispatch } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import { newProjectLocation } from '../support/project.ts';
import { tempDir } from '../support/tmp.ts';

describe('labels through the API contract', () => {
  let tmp: ReturnType<typeof tempDir>;
  let project: Project;
  let dispatch: Dispatch;
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const envelope = await dispatch(method, args);
    if (!envelope.ok) throw new Error(`${envelope.error.kind}: ${envelope.error.message}`);
    return envelope.result as T;
  };

  beforeEach(async () => {
    tmp = tempDir();
    project = await Project.open(await newProjectLocation(tmp.dir));
    dispatch = createDispatcher(project);
  });
  afterEach(() => {
    project.close();
    tmp.cleanup();
  });

  it('an update changes only the fields it names: renaming keeps the hotkey and attributes', async () => {
    const created = await call<Label>('labels.create', {
      name: 'Quote',
      kind: 'other',
      color: '#123456',
      hotkey: '8',
      attributes: [{ name: 'verbatim', type: 'boolean' }],
    });
    const renamed = await call<Label>('labels.update', { id: created.id, name: 'Quotation' });
    expect(renamed).toEqual({ ...created, name: 'Quotation' });
    const recoloured = await call<Label>('labels.update', { id: created.id, color: '#abcdef' });
    expect(recoloured.hotkey).toBe('8');
    expect(recoloured.attributes).toEqual([{ name: 'verbatim', type: 'boolean' }]);
    const cleared = await call<Label>('labels.update', { id: created.id, hotkey: null });
    expect(cleared.hotkey).toBeNull();
  });

  it('a deleted label comes back under its old id (for undo)', async () => {
    const created = await call<Label>('labels.create', { name: 'Quote', kind: 'other', color: '#123456' });
    await call('labels.delete', { id: created.id });
    const restored = await call<Label>('labels.create', { id: created.id, name: 'Quote', kind: 'other', color: '#123456' });
    expect(restored.id).toBe(created.id);
  });
});
