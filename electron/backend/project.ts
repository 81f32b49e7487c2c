import os from 'node:os';
import { DEFAULT_NEWS_TAGSET, GlossError } from '../../shared/index.ts';
import { AnchorStore } from './store/anchors.ts';
import { AnnotationStore } from './store/annotations.ts';
import { currentChangeContext, withChangeContext, type ChangeContext } from './provenance/context.ts';
import { ChangeLogStore } from './store/change-log.ts';
import { installChangeLogTriggers } from './store/change-log-triggers.ts';
import { installUndoJournalTriggers } from './store/undo-journal-triggers.ts';
import { UndoJournalStore } from './store/undo-journal.ts';
import { ClaimStore } from './store/claims.ts';
import { openDatabase, schemaVersion, type Db, type OpenOptions } from './store/database.ts';
import { dataVersion } from './store/data-version.ts';
import { DocumentStore } from './store/documents.ts';
import { storeError } from './store/errors.ts';
import { ImportMatchStore } from './store/import-matches.ts';
import { ExportReadStore } from './store/export-reads.ts';
import { backupDatabase, withPageCache } from './store/files.ts';
import { EntityStore } from './store/entities.ts';
import { LabelStore } from './store/labels.ts';
import { PropositionStore } from './store/propositions.ts';
import { RelationStore } from './store/relations.ts';
import { readTransaction, writeTransaction } from './store/transaction.ts';
import { CollectionStore } from './store/collections.ts';
import { TrashStore } from './store/trash.ts';
import { SourceIdStore } from './store/source-ids.ts';
import { SearchStore } from './store/search.ts';
import { SettingsStore } from './store/settings.ts';
import { StandoffStore } from './store/standoff.ts';
import { TeamStore } from './store/team.ts';
import { SuggestionRejectionStore } from './store/suggestion-rejections.ts';
import { VersionStore } from './store/versions.ts';
import { UserStore } from './store/users.ts';
import { isPostgresUrl, PostgresBridge } from './store/pg/sync/bridge.ts';

/** An open project file: the database and one store per domain. */
export class Project {
  readonly documents: DocumentStore;
  readonly labels: LabelStore;
  readonly annotations: AnnotationStore;
  readonly entities: EntityStore;
  readonly claims: ClaimStore;
  readonly propositions: PropositionStore;
  readonly relations: RelationStore;
  readonly collections: CollectionStore;
  readonly trash: TrashStore;
  readonly versions: VersionStore;
  readonly anchors: AnchorStore;
  readonly suggestionRejections: SuggestionRejectionStore;
  readonly sourceIds: SourceIdStore;
  readonly standoff: StandoffStore;
  readonly team: TeamStore;
  readonly search: SearchStore;
  readonly settings: SettingsStore;
  readonly exportReads: ExportReadStore;
  readonly importMatches: ImportMatchStore;
  readonly users: UserStore;
  readonly changeLog: ChangeLogStore;
  readonly undoJournal: UndoJournalStore;

  private constructor(
    /** The SQLite connection; none when the project is on PostgreSQL. */
    private readonly sqlite: Db | undefined,
    /** The project file, or the PostgreSQL database's URL without its password. */
    readonly path: string,
    /** The PostgreSQL connection (see store/pg/sync/bridge.ts); none for a project file. */
    private readonly pg?: PostgresBridge,
  ) {
    if (pg) {
      // The same repositories on PostgreSQL, called synchronously through the bridge.
      const on = <T>(name: string): T => pg.repository<T>(name);
      this.documents = on('documents');
      this.labels = on('labels');
      this.annotations = on('annotations');
      this.entities = on('entities');
      this.claims = on('claims');
      this.propositions = on('propositions');
      this.relations = on('relations');
      this.collections = on('collections');
      this.trash = on('trash');
      this.versions = on('versions');
      this.anchors = on('anchors');
      this.suggestionRejections = on('suggestionRejections');
      this.sourceIds = on('sourceIds');
      this.standoff = on('standoff');
      this.team = on('team');
      this.search = on('search');
      this.settings = on('settings');
      this.exportReads = on('exportReads');
      this.importMatches = on('importMatches');
      this.users = on('users');
      this.changeLog = on('changeLog');
      this.undoJournal = on('undoJournal');
      return;
    }
    const db = this.db;
    this.documents = new DocumentStore(db);
    this.labels = new LabelStore(db);
    this.annotations = new AnnotationStore(db);
    this.entities = new EntityStore(db, this.annotations);
    this.claims = new ClaimStore(db);
    this.propositions = new PropositionStore(db, this.claims, this.annotations);
    this.relations = new RelationStore(db, this.annotations, this.labels);
    this.collections = new CollectionStore(db);
    this.trash = new TrashStore(db);
    this.versions = new VersionStore(db);
    this.anchors = new AnchorStore(db);
    this.suggestionRejections = new SuggestionRejectionStore(db);
    this.sourceIds = new SourceIdStore(db);
    this.standoff = new StandoffStore(db);
    this.team = new TeamStore(db);
    this.search = new SearchStore(db);
    this.settings = new SettingsStore(db);
    this.exportReads = new ExportReadStore(db);
    this.importMatches = new ImportMatchStore(db);
    this.users = new UserStore(db);
    this.changeLog = new ChangeLogStore(db);
    this.undoJournal = new UndoJournalStore(db);
  }

  /**
   * The SQLite connection. Only the repositories above are built on it (and
   * tests read it); the rest of the backend, the CLI and the server call their
   * named methods, so SQL stays in store/ (tests/unit/sql-location.test.ts).
   */
  get db(): Db {
    if (!this.sqlite) throw new GlossError('unsupported', `${this.path}: this project is on PostgreSQL, not in a project file`);
    return this.sqlite;
  }

  /** Which engine holds the project. */
  get engine(): 'sqlite' | 'postgres' {
    return this.pg ? 'postgres' : 'sqlite';
  }

  /**
   * Opens or creates the project at `path`, a project file or a
   * `postgres://` URL (the database must exist; its tables are created and
   * migrated here); a new project gets the default news tagset.
   */
  static async open(path: string, options: OpenOptions = {}): Promise<Project> {
    if (isPostgresUrl(path)) return Project.openPostgres(path);
    const project = new Project(await openDatabase(path, options), path);
    try {
      project.seedDefaults();
      project.recordChanges();
    } catch (err) {
      project.close();
      throw storeError(err, path);
    }
    return project;
  }

  private static openPostgres(url: string): Promise<Project> {
    // The bridge asks who is writing at each transaction's start, once the project below exists.
    const bridge = PostgresBridge.open(url, () => {
      const context = currentChangeContext();
      return { actor: project.actor, via: context?.via ?? null, step: context?.step ?? null, client: context?.client ?? 'unknown' };
    });
    const project: Project = new Project(undefined, bridge.where, bridge);
    try {
      project.seedDefaults();
      project.defaultActor = project.annotator;
    } catch (err) {
      project.close();
      throw err;
    }
    return Promise.resolve(project);
  }

  get schemaVersion(): number {
    return this.pg ? this.pg.schemaVersion() : schemaVersion(this.db);
  }

  /** Moves when another process commits to the project file (see store/data-version.ts); the store worker polls it to announce such writes. */
  dataVersion(): number {
    return this.pg ? this.pg.dataVersion() : dataVersion(this.db);
  }

  /** Set for one session (the CLI's --annotator or GLOSS_ANNOTATOR); not saved in the project. */
  private sessionAnnotator: string | undefined;

  /**
   * Who is recorded as the author of new annotations, links and stances: the
   * session's annotator, else the one saved in the project, else the OS user.
   */
  get annotator(): string {
    return this.sessionAnnotator ?? this.savedAnnotator() ?? safeUserName();
  }

  /** Whether the user has chosen a name yet (the app asks on first run when not). */
  get annotatorChosen(): boolean {
    return this.sessionAnnotator !== undefined || this.savedAnnotator() !== undefined;
  }

  /** Names the annotator for this session only (CLI commands). */
  useAnnotator(name: string): void {
    this.sessionAnnotator = checkAnnotatorName(name);
    this.defaultActor = this.sessionAnnotator;
  }

  /** Saves the annotator's name in the project (the app's setting); it also becomes this session's. */
  setAnnotator(name: string): void {
    const clean = checkAnnotatorName(name);
    this.settings.saveAnnotator(clean);
    this.sessionAnnotator = undefined;
    this.defaultActor = clean;
  }

  /**
   * The annotator the changes being written now are made under, as the
   * change log records them: the actor of the {@link ChangeContext} (a
   * transport that knows its caller sets it per request), else this
   * project's {@link annotator}. The one place the log's actor comes from.
   */
  get actor(): string {
    return currentChangeContext()?.actor ?? this.defaultActor;
  }

  /**
   * Runs `fn` with its changes recorded under `context` (the actor, the API
   * method or CLI command): the dispatcher and the CLI call it around each
   * call and command.
   */
  withChanges<T>(context: ChangeContext, fn: () => T): T {
    return withChangeContext(context, fn);
  }

  /**
   * {@link annotator}, read when a write transaction begins: the log's
   * triggers run inside SQLite statements, where the settings cannot be read.
   */
  private defaultActor = 'researcher';

  /** Starts recording every change in the change log (see store/change-log-triggers.ts). */
  private recordChanges(): void {
    this.defaultActor = this.annotator;
    installChangeLogTriggers(this.db, { actor: () => this.actor, via: () => currentChangeContext()?.via ?? null });
    installUndoJournalTriggers(this.db, { step: () => currentChangeContext()?.step ?? null, client: () => currentChangeContext()?.client ?? 'unknown' });
  }

  private savedAnnotator(): string | undefined {
    return this.settings.savedAnnotator();
  }

  /**
   * Runs `fn` in one write transaction: all of it is stored, or none. It takes
   * the write lock first (BEGIN IMMEDIATE) and waits its turn when another
   * process writes; see {@link writeTransaction}. Checks and the writes that
   * depend on them belong in the same call, so no other process can change
   * what was checked in between.
   */
  transaction<T>(fn: () => T): T {
    // The annotator may have been renamed by another process since: read it before the log's triggers need it
    // (not needed when the call names its actor, as the team server's do, or the session has its own).
    if (!this.inTransaction && currentChangeContext()?.actor === undefined && this.sessionAnnotator === undefined) this.defaultActor = this.annotator;
    return this.pg ? this.pg.transaction(true, fn) : writeTransaction(this.db, fn);
  }

  /**
   * Runs `fn` in the write transaction under way, or in a new one when there
   * is none. Unlike a nested {@link transaction} it opens no savepoint: an
   * error in `fn` rolls back the whole enclosing transaction, which is what a
   * caller that stores one part of a larger all-or-nothing write wants. Why
   * not a savepoint for bulk writes: inside one, SQLite rolls each statement
   * that fires a trigger (every logged table's, see change-log-triggers.ts)
   * back to the savepoint's mark in its in-memory statement journal by walking
   * the journal from the start, so each insert costs in proportion to all the
   * savepoint has written: a merge of 100,000 annotations became quadratic.
   */
  joinTransaction<T>(fn: () => T): T {
    return this.inTransaction ? fn() : this.transaction(fn);
  }

  /**
   * Runs `fn`, which only reads, in one read transaction: it sees one state
   * of the project while other processes write, and takes no write lock.
   */
  read<T>(fn: () => T): T {
    return this.pg ? this.pg.transaction(false, fn) : readTransaction(this.db, fn);
  }

  private get inTransaction(): boolean {
    return this.pg ? this.pg.inTransaction : this.db.inTransaction;
  }

  /** Runs `fn` with a page cache of `kib` KiB, for one very large transaction (see {@link withPageCache}). */
  withPageCache<T>(kib: number, fn: () => T): T {
    // PostgreSQL's cache is the server's to size.
    return this.pg ? fn() : withPageCache(this.db, kib, fn);
  }

  /** Writes a consistent copy of the project to `file`. */
  backup(file: string): Promise<void> {
    if (this.pg) return Promise.reject(new GlossError('unsupported', `${this.path}: a project on PostgreSQL is backed up with pg_dump (see the README's "Operations")`));
    return backupDatabase(this.db, file);
  }

  close(): void {
    if (this.pg) this.pg.close();
    else if (this.db.open) this.db.close();
  }

  private seedDefaults(): void {
    const seeded = () => this.settings.seeded();
    if (seeded()) return;
    this.transaction(() => {
      // Read again under the write lock: processes opening a new project at once seed it once.
      if (seeded()) return;
      if (this.labels.list().length === 0) for (const label of DEFAULT_NEWS_TAGSET) this.labels.create(label);
      this.settings.markSeeded();
    });
  }
}

/** An annotator's name: trimmed, 1–100 characters, no control characters. */
export function checkAnnotatorName(name: string): string {
  const clean = name.trim();
  if (!clean || clean.length > 100 || /[\u0000-\u001f\u007f]/.test(clean)) {
    throw new GlossError('validation', `an annotator's name must be 1 to 100 characters without control characters (got "${name}")`);
  }
  return clean;
}

function safeUserName(): string {
  try {
    return os.userInfo().username || 'researcher';
  } catch {
    return 'researcher';
  }
}
