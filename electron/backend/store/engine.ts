import type { AnchorStore } from './anchors.ts';
import type { AnnotationStore } from './annotations.ts';
import type { ClaimStore } from './claims.ts';
import type { CollectionStore } from './collections.ts';
import type { DocumentStore } from './documents.ts';
import type { EntityStore } from './entities.ts';
import type { ExportReadStore } from './export-reads.ts';
import type { ImportMatchStore } from './import-matches.ts';
import type { LabelStore } from './labels.ts';
import type { PropositionStore } from './propositions.ts';
import type { RelationStore } from './relations.ts';
import type { SearchStore } from './search.ts';
import type { Async } from './repository.ts';
import type { SettingsStore } from './settings.ts';
import type { SourceIdStore } from './source-ids.ts';
import type { StandoffStore } from './standoff.ts';
import type { SuggestionRejectionStore } from './suggestion-rejections.ts';
import type { TeamStore } from './team.ts';
import type { TrashStore } from './trash.ts';
import type { UndoJournalStore } from './undo-journal.ts';
import type { ChangeLogStore } from './change-log.ts';
import type { UserStore } from './users.ts';
import type { VersionStore } from './versions.ts';

/**
 * The repositories both engines offer, asynchronous. It grows as the
 * PostgreSQL engine gains repositories; services move onto it from the
 * synchronous `Project` stores one domain at a time.
 */
export interface Repositories {
  documents: Async<DocumentStore>;
  labels: Async<LabelStore>;
  annotations: Async<AnnotationStore>;
  entities: Async<EntityStore>;
  claims: Async<ClaimStore>;
  propositions: Async<PropositionStore>;
  relations: Async<RelationStore>;
  settings: Async<SettingsStore>;
  team: Async<TeamStore>;
  collections: Async<CollectionStore>;
  versions: Async<VersionStore>;
  anchors: Async<AnchorStore>;
  suggestionRejections: Async<SuggestionRejectionStore>;
  sourceIds: Async<SourceIdStore>;
  importMatches: Async<ImportMatchStore>;
  standoff: Async<StandoffStore>;
  exportReads: Async<ExportReadStore>;
  search: Async<SearchStore>;
  users: Async<UserStore>;
  trash: Async<TrashStore>;
  changeLog: Async<ChangeLogStore>;
  undoJournal: Async<UndoJournalStore>;
}

/**
 * A project's storage: a `.gloss` file (SQLite) or a PostgreSQL database.
 * Work runs in `read` (one consistent state of the project) or
 * `withTransaction` (all of it stored, or none). Write transactions take
 * turns on both engines, as SQLite's single writer does: a service's
 * read-then-write never races another's.
 */
export interface StoreEngine {
  readonly kind: 'sqlite' | 'postgres';
  /** The file, or the database's URL without its password: for messages. */
  readonly where: string;
  read<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
  withTransaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Runs async work one piece at a time, in the order it was asked for. */
export class TurnQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
