import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { annotationUnder } from './plugins/relationDragPlugin.ts';

/** Which highlight the hover card describes, and where the pointer (or the caret) was when it came. */
export interface HoverAt {
  id: string;
  left: number;
  top: number;
  /** Shown for the caret resting in a highlight (keyboard users), not for the pointer. */
  caret?: boolean;
}

/**
 * The hover card's state: shown while the pointer rests on a highlight, or
 * the caret in the focused text does (what the pointer shows, the keyboard
 * shows too), and dismissed by Escape without moving either (WCAG 1.4.13,
 * content on hover or focus); a dismissed card comes back only on another
 * highlight.
 */
export function useHoverCard() {
  const [hover, setHover] = useState<HoverAt | null>(null);
  const dismissed = useRef<string | null>(null);

  useEffect(() => {
    if (!hover) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      dismissed.current = hover.id;
      setHover(null);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [hover]);

  // Move, not over: a highlight painted as a range (freshHighlights.ts) is no element to enter.
  const onMouseMove = (e: MouseEvent) => {
    const id = annotationUnder(e);
    if (id !== dismissed.current) dismissed.current = null;
    if (dismissed.current) return;
    setHover((h) => (id ? (h?.id === id ? h : { id, left: e.clientX, top: e.clientY }) : null));
  };
  const onMouseLeave = () => {
    dismissed.current = null;
    setHover((h) => (h?.caret ? h : null));
  };
  /** The caret settled in the highlight `id` (at `left`, `top`), or left the highlights (null). */
  const onCaret = (id: string | null, left = 0, top = 0) => {
    if (id !== dismissed.current) dismissed.current = null;
    if (dismissed.current) return;
    setHover((h) => (id ? (h?.id === id && h.caret ? h : { id, left, top, caret: true }) : h?.caret ? null : h));
  };
  /** Focus left the text: a card shown for the caret goes. */
  const onTextBlur = () => setHover((h) => (h?.caret ? null : h));
  return { hover, onMouseMove, onMouseLeave, onCaret, onTextBlur };
}
