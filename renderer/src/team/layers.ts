import type { Annotation } from '../../../shared/index.ts';

/** Which annotators' layers the reader shows: every one, the current annotator's, or a chosen set. */
export interface LayerChoice {
  mode: 'all' | 'mine' | 'chosen';
  chosen: readonly string[];
}

// Distinct from the label palette's tints: the marker is a thin bar over the highlight.
const MARKERS = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#c2410c', '#0f766e', '#be185d', '#4d7c0f', '#374151', '#a16207'];

/** A stable colour per annotator (by name), for the marker drawn on their highlights. */
export function annotatorColor(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return MARKERS[h % MARKERS.length]!;
}

/** Whether an annotation is in the layers shown. */
export function isShown(choice: LayerChoice, me: string | null, a: Pick<Annotation, 'annotator'>): boolean {
  if (choice.mode === 'all') return true;
  if (choice.mode === 'mine') return a.annotator === me;
  return choice.chosen.includes(a.annotator);
}
