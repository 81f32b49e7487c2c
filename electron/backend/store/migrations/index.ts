import type { Migration } from './migration.ts';
import { migration001 } from './001-initial.ts';

export type { Migration } from './migration.ts';

/** Every migration, in order. Append only: a released migration is never changed. */
export const MIGRATIONS: readonly Migration[] = [migration001];

/** The schema version this build of Gloss writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
