/** An action that has been done and saved, with how to take it back and do it again. */
export interface UndoableAction {
  /** Shown in the undo button's name, e.g. "tag Person". */
  description: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

type Listener = () => void;

/**
 * The app's undo and redo stacks. Each action is already saved when pushed;
 * undo and redo are saved at once too, through the same API. Steps run one
 * at a time, in order, so quick key presses cannot interleave.
 */
export class History {
  private done: UndoableAction[] = [];
  private undone: UndoableAction[] = [];
  private queue: Promise<void> = Promise.resolve();
  private listeners = new Set<Listener>();

  constructor(private readonly onError: (err: unknown) => void = () => {}) {}

  push(action: UndoableAction): void {
    this.done.push(action);
    this.undone = [];
    this.emit();
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  get nextUndo(): string | undefined {
    return this.done[this.done.length - 1]?.description;
  }

  get nextRedo(): string | undefined {
    return this.undone[this.undone.length - 1]?.description;
  }

  undo(): Promise<void> {
    return this.step(this.done, this.undone, (a) => a.undo());
  }

  redo(): Promise<void> {
    return this.step(this.undone, this.done, (a) => a.redo());
  }

  /** Forgets everything, e.g. when another document opens. */
  clear(): void {
    this.done = [];
    this.undone = [];
    this.emit();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private step(from: UndoableAction[], to: UndoableAction[], run: (a: UndoableAction) => Promise<void>): Promise<void> {
    this.queue = this.queue.then(async () => {
      const action = from.pop();
      if (!action) return;
      try {
        await run(action);
        to.push(action);
      } catch (err) {
        from.push(action);
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
