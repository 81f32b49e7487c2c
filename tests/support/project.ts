import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { tempDir } from './tmp.ts';

/**
 * Gives every test of the file a new project file in a new temporary folder,
 * closed and removed after the test. `use` receives them before each test.
 */
export function freshProjectPerTest(use: (project: Project, dir: string) => void): void {
  let current: { project: Project; cleanup: () => void } | undefined;
  beforeEach(async () => {
    const { dir, cleanup } = tempDir();
    const project = await Project.open(path.join(dir, 'project.gloss'));
    current = { project, cleanup };
    use(project, dir);
  });
  afterEach(() => {
    current?.project.close();
    current?.cleanup();
    current = undefined;
  });
}
