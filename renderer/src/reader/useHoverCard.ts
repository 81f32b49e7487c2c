import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { annotationUnder } from './plugins/relationDragPlugin.ts';

/** Which highlight the hover card describes, and where the pointer was when it came. */
export interface HoverAt {
  id: string;
  left: number;
  top: number;
}

/**
 * The hover card's state: shown while the pointer rests on a highlight, and
 * dismissed by Escape without moving the pointer (WCAG 1.4.13, content on
 * hover); a dismissed card comes back only on another highlight.
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
    setHover(null);
  };
  return { hover, onMouseMove, onMouseLeave };
}
