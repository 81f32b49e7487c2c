import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { tempDir } from './tmp.ts';

/**
 * Where the tests' projects live: a new project file each (the default), or,
 * when `GLOSS_TEST_POSTGRES` holds a server's URL (the `unit-postgres` test
 * project sets it, see tests/support/postgres-setup.ts), a new database on
 * that server each: the same tests then check the PostgreSQL engine.
 */
export const TEST_POSTGRES = process.env.GLOSS_TEST_POSTGRES;

let databases = 0;

/** A new, empty project location: a file path in `dir`, or a new PostgreSQL database's URL. */
export async function newProjectLocation(dir: string): Promise<string> {
  if (!TEST_POSTGRES) return path.join(dir, 'project.gloss');
  const name = `t${process.pid}_${++databases}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Gives every test of the file a new project in a new temporary folder,
 * closed and removed after the test. `use` receives them before each test.
 */
export function freshProjectPerTest(use: (project: Project, dir: string) => void): void {
  let current: { project: Project; cleanup: () => void } | undefined;
  beforeEach(async () => {
    const { dir, cleanup } = tempDir();
    const project = await Project.open(await newProjectLocation(dir));
    current = { project, cleanup };
    use(project, dir);
  });
  afterEach(() => {
    current?.project.close();
    current?.cleanup();
    current = undefined;
  });
}
