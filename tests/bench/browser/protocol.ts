// What the benchmark pages expose on `window.bench`, driven by tests/bench/browser-bench.ts.

export interface OpenResult {
  /** From starting to load the document until its highlights are painted. */
  openMs: number;
  /** Highlight elements in the DOM once painted. */
  highlightElements: number;
  annotations: number;
}

export interface AdditionResult {
  /** From the hotkey's keydown to the new highlight painted. */
  latencyMs: number;
  /** The synchronous work of the addition plus a forced layout. */
  workMs: number;
}

export interface BenchPage {
  /** Generates the data (untimed), then opens the document with `count` annotations and times it. */
  open(count: number, seed: number): Promise<OpenResult>;
  /** Number of additions prepared by the generator. */
  additions(): number;
  /** Scrolls addition `i`'s words into view and selects them (untimed). The hotkey is then pressed by the driver. */
  prepareAddition(i: number): Promise<void>;
  /** Resolves when the addition started by the last keydown is painted. */
  lastAddition(): Promise<AdditionResult>;
  /** Switches "Edit text" on and puts the caret at the end of addition `i`'s words, in view (untimed). Characters are then typed by the driver. */
  prepareTyping?(i: number): Promise<void>;
  /** The main-thread work of the last typed character: from its keydown to the edit applied and laid out. */
  lastTyping?(): Promise<number>;
  /** Frame times while scrolling through the whole document in `frames` frames. */
  scroll?(frames: number): Promise<number[]>;
}

declare global {
  interface Window {
    bench: BenchPage;
  }
}

/** The hotkey of the label additions use (Person in the default tagset). */
export const HOTKEY = '1';
