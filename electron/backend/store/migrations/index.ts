import type { Migration } from './migration.ts';
import { migration001 } from './001-initial.ts';
import { migration002 } from './002-research-model.ts';
import { migration003 } from './003-suggestion-rejections.ts';
import { migration004 } from './004-interop-extras.ts';
import { migration005 } from './005-exchange.ts';
import { migration006 } from './006-team-annotation.ts';
import { migration007 } from './007-library.ts';
import { migration008 } from './008-document-versions.ts';
import { migration009 } from './009-change-log.ts';
import { migration010 } from './010-team-accounts.ts';
import { migration011 } from './011-undo-journal.ts';

export type { Migration } from './migration.ts';

/** Every migration, in order. Append only: a released migration is never changed. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011];

/** The schema version this build of Gloss writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
