// Switching project files from the app: the session in front of the store
// worker (as the local server and Electron run it), on real SQLite files.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession, type ProjectSession } from '../../electron/backend/session/session.ts';
import type { ApiErrorShape, WorkspaceState } from '../../shared/index.ts';
import { tempDir } from '../support/tmp.ts';

let tmp: ReturnType<typeof tempDir>;
let session: ProjectSession | undefined;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  await session?.close();
  session = undefined;
  tmp.cleanup();
});

const worker = { openOptions: { synchronous: 'NORMAL' as const } };
async function ok<T>(method: string, args: unknown): Promise<T> {
  const r = await session!.dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.result as T;
}
async function fail(method: string, args: unknown): Promise<ApiErrorShape> {
  const r = await session!.dispatch(method, args);
  if (r.ok) throw new Error(`${method} succeeded`);
  return r.error;
}
const file = (name: string) => path.join(tmp.dir, name);

describe('switching projects', () => {
  it('creates, opens and switches project files, keeping a recent list; each project keeps its own documents', async () => {
    session = await openSession(file('first.gloss'), { recentFile: file('recent.json'), worker });
    await ok('collections.create', { name: 'only in first' });
    const created = await ok<WorkspaceState>('workspace.create', { path: file('second') });
    expect(created.current).toBe(file('second.gloss'));
    expect(fs.existsSync(file('second.gloss'))).toBe(true);
    expect(await ok('collections.list', {})).toEqual([]);
    const back = await ok<WorkspaceState>('workspace.open', { path: file('first.gloss') });
    expect(back.current).toBe(file('first.gloss'));
    expect((await ok<{ name: string }[]>('collections.list', {})).map((c) => c.name)).toEqual(['only in first']);
    expect(back.recent.map((r) => [r.name, r.exists])).toEqual([['first', true], ['second', true]]);
    expect((await ok<WorkspaceState>('workspace.forget', { path: file('second.gloss') })).recent.map((r) => r.name)).toEqual(['first']);
    expect(back.canChoose).toBe(false);
    expect((await fail('workspace.choose', { mode: 'open' })).kind).toBe('unsupported');
  });

  it('refuses what is not a Gloss project, relative paths, missing files and creating over a file; the open project stays', async () => {
    session = await openSession(file('p.gloss'), { recentFile: file('recent.json'), worker });
    fs.writeFileSync(file('notes.txt'), 'not a database at all, just notes\n');
    const notProject = await fail('workspace.open', { path: file('notes.txt') });
    expect(notProject.message).toContain(`${file('notes.txt')}: not a Gloss project file`);
    expect(fs.readFileSync(file('notes.txt'), 'utf8')).toBe('not a database at all, just notes\n');
    expect((await fail('workspace.open', { path: 'relative.gloss' })).message).toMatch(/give the full path/);
    expect((await fail('workspace.open', { path: file('missing.gloss') })).kind).toBe('not_found');
    expect((await fail('workspace.open', { path: tmp.dir })).message).toMatch(/is a folder/);
    expect((await fail('workspace.create', { path: file('p.gloss') })).kind).toBe('conflict');
    expect((await fail('workspace.create', { path: file('no/such/dir/x.gloss') })).kind).toBe('not_found');
    expect((await ok<WorkspaceState>('workspace.state', {})).current).toBe(file('p.gloss'));
    expect(await ok('documents.list', {})).toEqual([]);
  });

  it('without typed paths (Electron), opens only recent projects and what the dialog chose', async () => {
    let answer: string | null = null;
    session = await openSession(file('a.gloss'), { recentFile: file('recent.json'), worker, typedPaths: false, choose: async () => answer });
    expect((await fail('workspace.create', { path: file('b.gloss') })).message).toMatch(/New project…/);
    expect(await ok('workspace.choose', { mode: 'create' })).toBeNull();
    answer = file('b.gloss');
    expect((await ok<WorkspaceState>('workspace.choose', { mode: 'create' })).current).toBe(file('b.gloss'));
    expect((await ok<WorkspaceState>('workspace.open', { path: file('a.gloss') })).current).toBe(file('a.gloss'));
    fs.copyFileSync(file('a.gloss'), file('c.gloss'));
    expect((await fail('workspace.open', { path: file('c.gloss') })).message).toMatch(/Open project…/);
  });

  it('the CLI in-process dispatcher says switching is the app’s job', async () => {
    const { Project } = await import('../../electron/backend/project.ts');
    const { createDispatcher } = await import('../../electron/backend/api/dispatch.ts');
    const project = await Project.open(file('cli.gloss'));
    try {
      const r = await createDispatcher(project)('workspace.state', {});
      expect(r).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
    } finally {
      project.close();
    }
  });
});
