// Global setup of the `unit-postgres` test project: one PostgreSQL server for
// the run (Debian's, in a temporary folder), whose URL the store tests find in
// GLOSS_TEST_POSTGRES and make a new database from for each test
// (tests/support/project.ts). Set here, before the test processes start, so
// every one of them inherits it.
import { startPostgres } from './postgres.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const server = await startPostgres();
  process.env.GLOSS_TEST_POSTGRES = server.url;
  return () => server.stop();
}
