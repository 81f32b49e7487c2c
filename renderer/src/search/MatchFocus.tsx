import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { fallbackBlocks } from '../reader/offsets.ts';
import { domRangeOf } from './matchRange.ts';
import './search.css';

/** The CSS highlight name of the search match (styled with ::highlight(gl-search-match)). */
export const MATCH_HIGHLIGHT = 'gl-search-match';

interface Props {
  documentId: string;
  query: string;
}

/**
 * Opened from a search hit: finds where the query matches the document
 * (`search.locate`), waits for the reader to show the text, then scrolls the
 * match into view, highlights it (CSS Custom Highlight API, so the reader's
 * DOM is not touched) and puts the reader's caret at its start, so the
 * keyboard continues from there. A line above the text says
 * what was found, for screen readers too.
 */
export function MatchFocus({ documentId, query }: Props) {
  const [status, setStatus] = useState<string>('');
  useEffect(() => {
    let live = true;
    let frame = 0;
    const highlights = (CSS as unknown as { highlights?: Map<string, unknown> }).highlights;
    void Promise.all([api.search.locate({ documentId, query }), api.documents.get({ id: documentId })]).then(
      ([at, doc]) => {
        if (!live) return;
        if (!at) {
          setStatus(`“${query}” matches this document's title, not its text.`);
          return;
        }
        const blocks = doc.blocks.length ? doc.blocks : fallbackBlocks(doc.text);
        const started = performance.now();
        const tryShow = () => {
          if (!live) return;
          const root = document.querySelector<HTMLElement>('.gl-reader-text');
          const range = root ? domRangeOf(root, blocks, at.start, at.end) : null;
          if (!root || !range) {
            if (performance.now() - started < 5000) frame = requestAnimationFrame(tryShow);
            return;
          }
          const el = range.startContainer.parentElement;
          el?.scrollIntoView({ block: 'center' });
          const Highlight = (globalThis as unknown as { Highlight?: new (r: Range) => unknown }).Highlight;
          if (highlights && Highlight) highlights.set(MATCH_HIGHLIGHT, new Highlight(range));
          // The caret goes to the match (collapsed, so no label popup opens): the keyboard continues from there.
          root.focus({ preventScroll: true });
          const caret = range.cloneRange();
          caret.collapse(true);
          const sel = getSelection();
          sel?.removeAllRanges();
          sel?.addRange(caret);
          setStatus(`Search match “${doc.text.slice(at.start, at.end)}” for “${query}”; the caret is at its start.`);
        };
        tryShow();
      },
      (err: unknown) => live && setStatus(`Could not find the match: ${(err as Error).message}`),
    );
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      highlights?.delete(MATCH_HIGHLIGHT);
    };
  }, [documentId, query]);
  return (
    <p className="gl-match-status" role="status">
      {status}
    </p>
  );
}
