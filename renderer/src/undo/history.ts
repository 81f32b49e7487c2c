import { GlossError, type Client, type UndoOutcome } from '../../../shared/index.ts';

/** What an action is called in the undo button ("tag Person") and the document it changed, if one. */
export interface UndoableAction {
  /** Shown in the undo button's name, e.g. "tag Person". */
  description: string;
  /** The document it changed, when it belongs to one (else the page's, see {@link HistoryContext}). */
  document?: { id: string; title: string };
}

/** Where actions are being done: stamped on each action pushed. */
export interface HistoryContext {
  /** Which mounted page pushes actions; a new number each time a page (a reader, say) is mounted. */
  owner: number;
  /** The document open in that page, if any. */
  document?: { id: string; title: string };
}

/** An action with where it was done and the backend's undo steps of its calls. */
export interface HistoryEntry extends UndoableAction {
  owner: number;
  /** The undo steps of the calls the action made, in the order they were made. */
  steps: readonly string[];
  /** For a change of a document's text: undone forward, see {@link History.pushForward}. */
  forward?: ForwardUndo;
}

/** How a text change is taken back and done again: by new versions of the text. */
export interface ForwardUndo {
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/**
 * The backend's undo (electron/backend/provenance/undo.ts): it keeps every
 * row each step changed and puts them back, refusing when another session
 * changed them since. `record` gives a client whose undoable writes each
 * carry a new step.
 */
export interface UndoBackend {
  undo(steps: readonly string[]): Promise<UndoOutcome>;
  redo(steps: readonly string[]): Promise<UndoOutcome>;
  /** A client whose undoable writes are named a new undo step each, reported to `onStep` once stored. */
  recordingClient(onStep: (step: string) => void): Client;
}

/** Told what an undo or redo changed, so the pages showing it read it again. */
export type AfterStep = (entry: HistoryEntry, kind: 'undo' | 'redo', outcome: UndoOutcome) => void;

type Listener = () => void;

/**
 * The app's one undo and redo history, across the whole project: switching
 * documents keeps it. Undo itself is the backend's: each action's calls are
 * undo steps there ({@link record}), and undoing the action asks the backend
 * to undo its steps, so every client undoes through the same code and two
 * sessions never undo each other's work. Steps run one at a time, in order,
 * so quick key presses cannot interleave. Each entry names its document, so
 * "Undo tag Person in «Article»" says what will change where.
 */
export class History {
  private done: HistoryEntry[] = [];
  private undone: HistoryEntry[] = [];
  private queue: Promise<void> = Promise.resolve();
  private listeners = new Set<Listener>();
  private context: HistoryContext = { owner: 0 };
  private held: string | null = null;

  constructor(
    private readonly backend: UndoBackend,
    /** Told why a step failed; `failed` names the entry and whether it was taken off the history for good. */
    private readonly onError: (err: unknown, failed?: { entry: HistoryEntry; kind: 'undo' | 'redo'; dropped: boolean }) => void = () => {},
    private readonly afterStep: AfterStep = () => {},
  ) {}

  /** Sets where the next actions are done (the app calls it when a page is shown). */
  setContext(context: HistoryContext): void {
    this.context = context;
  }

  get currentOwner(): number {
    return this.context.owner;
  }

  /**
   * Runs one user action: `work` makes its calls through the client it is
   * given, and each of its writes becomes an undo step of the action. Once it
   * succeeds, the action goes on the history (when it wrote anything), with
   * `action` (or what it answers for the result) as its name. A failed action
   * goes on it too if part of it was stored, so that part can be undone.
   */
  async record<T>(action: UndoableAction | ((result: T) => UndoableAction), work: (api: Client) => Promise<T>): Promise<T> {
    const steps: string[] = [];
    const client = this.backend.recordingClient((step) => steps.push(step));
    let result: T;
    try {
      result = await work(client);
    } catch (err) {
      // Whatever of it was stored can still be undone.
      this.push(typeof action === 'function' ? { description: 'an unfinished change' } : action, steps);
      throw err;
    }
    this.push(typeof action === 'function' ? action(result) : action, steps);
    return result;
  }

  /** Puts an action whose calls made these undo steps on the history (nothing when it made none). */
  push(action: UndoableAction, steps: readonly string[]): void {
    if (steps.length) this.add(action, [...steps]);
  }

  /**
   * Puts a change of a document's text on the history. It is not rolled back
   * row by row: other annotators may have annotated the new text since, so
   * undo makes the previous text a new version (and redo the undone one),
   * re-anchoring every annotation, as `versions.restore` does.
   */
  pushForward(action: UndoableAction, forward: ForwardUndo): void {
    this.add(action, [], forward);
  }

  /** A new action, named with its document (the page's when it names none): what was undone can no longer be redone. */
  private add(action: UndoableAction, steps: readonly string[], forward?: ForwardUndo): void {
    const document = action.document ?? this.context.document;
    this.done.push({ description: action.description, ...(document ? { document } : {}), owner: this.context.owner, steps, ...(forward ? { forward } : {}) });
    this.undone = [];
    this.emit();
  }

  /**
   * Holds undo and redo while a page has changes of its own not yet saved
   * (the reader's "Edit text" mode): saved actions replayed under them would
   * land on text that moved. `reason` is shown if undo is tried; null releases.
   */
  hold(reason: string | null): void {
    this.held = reason;
    this.emit();
  }

  get canUndo(): boolean {
    return this.done.length > 0 && this.held === null;
  }

  get canRedo(): boolean {
    return this.undone.length > 0 && this.held === null;
  }

  get nextUndo(): string | undefined {
    return describe(this.done[this.done.length - 1]);
  }

  get nextRedo(): string | undefined {
    return describe(this.undone[this.undone.length - 1]);
  }

  /** The entries that can be undone, most recent first (for a history list). */
  get entries(): readonly HistoryEntry[] {
    return [...this.done].reverse();
  }

  undo(): Promise<void> {
    return this.step(this.done, this.undone, 'undo');
  }

  redo(): Promise<void> {
    return this.step(this.undone, this.done, 'redo');
  }

  /** Forgets everything (another project was opened). */
  clear(): void {
    this.done = [];
    this.undone = [];
    this.emit();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private step(from: HistoryEntry[], to: HistoryEntry[], kind: 'undo' | 'redo'): Promise<void> {
    if (this.held !== null) {
      this.onError(new GlossError('conflict', this.held));
      return this.queue;
    }
    this.queue = this.queue.then(async () => {
      const entry = from.pop();
      if (!entry) return;
      try {
        const outcome = entry.forward
          ? await entry.forward[kind]().then(() => ({ changes: 0, documentIds: entry.document ? [entry.document.id] : null }))
          : await (kind === 'undo' ? this.backend.undo(entry.steps) : this.backend.redo(entry.steps));
        to.push(entry);
        this.afterStep(entry, kind, outcome);
      } catch (err) {
        // A step that can never run (changed since by someone else, or gone from the journal) is dropped, or it would block every older one.
        const dropped = err instanceof GlossError && ['not_found', 'conflict', 'forbidden'].includes(err.kind);
        if (!dropped) from.push(entry);
        this.onError(err, { entry, kind, dropped });
      }
      this.emit();
    });
    return this.queue;
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/** "tag Person in «Article title»". */
export function describe(entry: HistoryEntry | undefined): string | undefined {
  if (!entry) return undefined;
  return entry.document ? `${entry.description} in «${entry.document.title}»` : entry.description;
}
