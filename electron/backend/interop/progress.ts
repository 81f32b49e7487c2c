/** Progress of a long import or export, for the CLI's stderr and the app's progress bar. */
export interface InteropProgress {
  phase: 'read' | 'parse' | 'store' | 'export';
  /** Units done so far (files or documents) and the total, when known. */
  done: number;
  total: number;
  /** The file or document being worked on. */
  item?: string;
}

/** What every import and export function takes besides its input. */
export interface RunOptions {
  onProgress?: (p: InteropProgress) => void;
  /** Aborting stops the work at the next file or document; an import then stores nothing. */
  signal?: AbortSignal;
  /** Who records that name no annotator are stored under (an import's caller); default: the project's annotator. */
  annotator?: string;
}

/** Throws the signal's reason when it has been aborted. */
export function checkAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}
