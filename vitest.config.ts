import fs from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * The store tests that take their project from tests/support/project.ts
 * (freshProjectPerTest, newProjectLocation): run a second time on PostgreSQL, each test on a
 * new database, so that both engines pass the same tests.
 */
const ENGINE_TESTS = fs
  .readdirSync('tests/unit')
  .filter((f) => f.endsWith('.test.ts') && /freshProjectPerTest\(|newProjectLocation\(/.test(fs.readFileSync(`tests/unit/${f}`, 'utf8')))
  .map((f) => `tests/unit/${f}`);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          globalSetup: ['tests/support/build-node.ts'],
          environment: 'node',
          // Correctness, not timing: many tests start processes, workers or
          // SQLite files, and a busy two-core machine can take seconds for that.
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'unit-postgres',
          include: ENGINE_TESTS,
          globalSetup: ['tests/support/build-node.ts', 'tests/support/postgres-setup.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/build-node.ts', 'tests/support/build-renderer.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: the machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
