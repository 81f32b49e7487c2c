import { GlossError } from '../../../shared/index.ts';

/** An action that has been done and saved, with how to take it back and do it again. */
export interface UndoableAction {
  /** Shown in the undo button's name, e.g. "tag Person". */
  description: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
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

/** An action with where it was done. */
export interface HistoryEntry extends UndoableAction {
  owner: number;
}

type Listener = () => void;

/** Told after an action done on a page that is no longer shown was undone or redone: that page's view cannot repaint it. */
export type ForeignStep = (entry: HistoryEntry, kind: 'undo' | 'redo') => void;

/**
 * The app's one undo and redo history, across the whole project: switching
 * documents keeps it. Each action is already saved when pushed; undo and
 * redo are saved at once too, through the same API. Steps run one at a time,
 * in order, so quick key presses cannot interleave. Each entry names its
 * document, so "Undo tag Person in «Article»" says what will change where.
 */
export class History {
  private done: HistoryEntry[] = [];
  private undone: HistoryEntry[] = [];
  private queue: Promise<void> = Promise.resolve();
  private listeners = new Set<Listener>();
  private context: HistoryContext = { owner: 0 };
  private held: string | null = null;

  constructor(
    private readonly onError: (err: unknown) => void = () => {},
    private readonly onForeign: ForeignStep = () => {},
  ) {}

  /** Sets where the next actions are done (the app calls it when a page is shown). */
  setContext(context: HistoryContext): void {
    this.context = context;
  }

  get currentOwner(): number {
    return this.context.owner;
  }

  push(action: UndoableAction): void {
    const document = action.document ?? this.context.document;
    this.done.push({ ...action, owner: this.context.owner, ...(document ? { document } : {}) });
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
        await (kind === 'undo' ? entry.undo() : entry.redo());
        to.push(entry);
        if (entry.owner !== this.context.owner) this.onForeign(entry, kind);
      } catch (err) {
        // A step whose record is gone for good (its document emptied from the trash) can never run: drop it, or it blocks every older one.
        if (!(err instanceof GlossError && err.kind === 'not_found')) from.push(entry);
        this.onError(err);
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
