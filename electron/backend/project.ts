import os from 'node:os';
import { DEFAULT_NEWS_TAGSET } from '../../shared/index.ts';
import { AnnotationStore } from './store/annotations.ts';
import { ClaimStore } from './store/claims.ts';
import { openDatabase, schemaVersion, type Db, type OpenOptions } from './store/database.ts';
import { DocumentStore } from './store/documents.ts';
import { EntityStore } from './store/entities.ts';
import { LabelStore } from './store/labels.ts';
import { PropositionStore } from './store/propositions.ts';
import { RelationStore } from './store/relations.ts';
import { CollectionStore } from './store/collections.ts';
import { TrashStore } from './store/trash.ts';

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

  private constructor(
    readonly db: Db,
    readonly path: string,
  ) {
    this.documents = new DocumentStore(db);
    this.labels = new LabelStore(db);
    this.annotations = new AnnotationStore(db);
    this.entities = new EntityStore(db, this.annotations);
    this.claims = new ClaimStore(db);
    this.propositions = new PropositionStore(db, this.claims, this.annotations);
    this.relations = new RelationStore(db, this.annotations, this.labels);
    this.collections = new CollectionStore(db);
    this.trash = new TrashStore(db);
  }

  /** Opens or creates the project at `path`; a new project gets the default news tagset. */
  static async open(path: string, options: OpenOptions = {}): Promise<Project> {
    const project = new Project(await openDatabase(path, options), path);
    project.seedDefaults();
    return project;
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /** Who is recorded as the author of new annotations. */
  get annotator(): string {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'annotator'").get() as { value: string } | undefined;
    return row?.value ?? safeUserName();
  }

  /** Runs `fn` in one transaction: all of it is stored, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private seedDefaults(): void {
    const seeded = this.db.prepare("SELECT value FROM settings WHERE key = 'seeded'").get();
    if (seeded) return;
    this.transaction(() => {
      if (this.labels.list().length === 0) for (const label of DEFAULT_NEWS_TAGSET) this.labels.create(label);
      this.db.prepare("INSERT INTO settings (key, value) VALUES ('seeded', '1')").run();
    });
  }
}

function safeUserName(): string {
  try {
    return os.userInfo().username || 'researcher';
  } catch {
    return 'researcher';
  }
}
