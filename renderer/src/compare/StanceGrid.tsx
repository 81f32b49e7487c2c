import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { distinctTitles, type DocumentSummary, type OverviewDocument, type PropositionOverview } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { routeHash } from '../app/route.ts';
import { notify } from '../app/Toasts.tsx';
import { documentPositions, isContested } from '../propositions/contested.ts';
import { stanceColor } from '../propositions/stanceColors.ts';
import { stanceIcon } from './stance.ts';
import './grid.css';

/** Row height in pixels: rows are virtualised, only those in view are in the DOM. */
const ROW = 30;
const OVERSCAN = 8;

interface Props {
  documentIds: string[];
  /** Compare the chosen documents side by side (2 to 4). */
  onSideBySide(ids: string[]): void;
}

interface Data {
  docs: DocumentSummary[];
  propositions: PropositionOverview[];
  values: string[];
}

/** What one document says about one proposition, as one cell. */
function cellStance(d: OverviewDocument | undefined): string | null {
  if (!d) return null;
  const positions = [...documentPositions(d)];
  if (!positions.length) return null;
  return positions.length === 1 ? positions[0]! : 'mixed';
}

/**
 * Compare for many documents (a collection, a large selection): documents
 * as rows, propositions as narrow columns (contested first), one stance icon
 * per cell. Rows are virtualised, so 200 documents scroll as smoothly as 5.
 * It is an ARIA grid: one Tab stop, arrow keys move, Home/End and
 * PageUp/PageDown jump, Enter opens the evidence in the reader; the cell's
 * detail (proposition, stance, quotes) shows under the grid.
 */
export function StanceGrid({ documentIds, onSideBySide }: Props) {
  const [data, setData] = useState<Data | null>(null);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [chosen, setChosen] = useState<string[]>([]);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(480);
  const scroller = useRef<HTMLDivElement>(null);
  const focusPending = useRef(false);

  useEffect(() => {
    let live = true;
    Promise.all([api.documents.list({}), api.propositions.overview({}), api.tagset.get({})]).then(
      ([all, overview, tagset]) => {
        if (!live) return;
        const wanted = new Set(documentIds);
        const docs = all.filter((d) => wanted.has(d.id));
        const values = tagset.stances.values;
        const propositions = overview
          .filter((p) => p.documents.some((d) => wanted.has(d.document.id) && cellStance(d) !== null))
          .map((p) => ({ ...p, documents: p.documents.filter((d) => wanted.has(d.document.id)) }));
        // Contested propositions first: where the corpus disagrees is what the grid is for.
        propositions.sort((a, b) => Number(isContested(b, values)) - Number(isContested(a, values)));
        setData({ docs, propositions, values });
      },
      (err) => notify('error', `Could not load the comparison: ${messageOf(err)}`),
    );
    return () => {
      live = false;
    };
  }, [documentIds]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [data]);

  const titles = useMemo(() => distinctTitles(data?.docs ?? []), [data]);
  const cells = useMemo(() => {
    const m = new Map<string, OverviewDocument>();
    for (const p of data?.propositions ?? []) for (const d of p.documents) m.set(`${p.proposition.id}:${d.document.id}`, d);
    return m;
  }, [data]);

  // Move focus to the active cell once it is rendered (after keyboard moves that scrolled).
  useEffect(() => {
    if (!focusPending.current) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-cell="${active.row}:${active.col}"]`);
    if (el) {
      focusPending.current = false;
      el.focus({ preventScroll: true });
    }
  });

  if (!data) return <p className="gl-loading">Loading the stance grid…</p>;
  const { docs, propositions, values } = data;
  if (!propositions.length) {
    return <p className="gl-hint">None of these {docs.length} documents has a claim linked to a proposition or a document stance yet.</p>;
  }
  const cols = propositions.length;
  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(docs.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);
  const activeDoc = docs[active.row];
  const activeProp = propositions[active.col];
  const activeCell = activeDoc && activeProp ? cells.get(`${activeProp.proposition.id}:${activeDoc.id}`) : undefined;

  const move = (row: number, col: number) => {
    const r = Math.max(0, Math.min(docs.length - 1, row));
    const c = Math.max(0, Math.min(cols - 1, col));
    setActive({ row: r, col: c });
    focusPending.current = true;
    const el = scroller.current;
    if (el) {
      const top = r * ROW;
      const headerH = ROW;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW > el.scrollTop + el.clientHeight - headerH) el.scrollTop = top + ROW - el.clientHeight + headerH;
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / ROW) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active.row + 1, active.col),
      ArrowUp: () => move(active.row - 1, active.col),
      ArrowRight: () => move(active.row, active.col + 1),
      ArrowLeft: () => move(active.row, active.col - 1),
      PageDown: () => move(active.row + page, active.col),
      PageUp: () => move(active.row - page, active.col),
      Home: () => (e.ctrlKey ? move(0, 0) : move(active.row, 0)),
      End: () => (e.ctrlKey ? move(docs.length - 1, cols - 1) : move(active.row, cols - 1)),
      Enter: () => openEvidence(),
    };
    const run = keys[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  };

  function openEvidence() {
    const claim = activeCell?.claims[0];
    if (activeDoc) window.location.assign(routeHash({ view: 'reader', documentId: activeDoc.id, ...(claim ? { annotationId: claim.claim.annotationId } : {}) }));
  }

  const gridWidth = 260 + cols * 34;
  return (
    <section className="gl-stance-grid-page" aria-labelledby="gl-grid-title">
      <div className="gl-compare-bar">
        <h1 id="gl-grid-title">
          Compare {docs.length} documents on {cols} proposition{cols === 1 ? '' : 's'}
        </h1>
        <span className="gl-grow" />
        <button type="button" disabled={chosen.length < 2 || chosen.length > 4} onClick={() => onSideBySide(chosen)}>
          Side by side ({chosen.length} of 2–4 chosen)
        </button>
      </div>
      <p className="gl-hint">
        One row per document, one column per proposition (contested first). ✓ {values[0] ?? 'for'}, ✗ {values[1] ?? 'against'}, ○ other, ± mixed. Arrow keys move, Enter opens the evidence.
      </p>
      <div
        ref={scroller}
        className="gl-grid-scroll"
        role="grid"
        aria-label="Stance of each document on each proposition"
        aria-rowcount={docs.length + 1}
        aria-colcount={cols + 1}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div className="gl-grid-inner" style={{ height: (docs.length + 1) * ROW, width: gridWidth }}>
          <div role="row" aria-rowindex={1} className="gl-grid-row gl-grid-head" style={{ width: gridWidth }}>
            <div role="columnheader" aria-colindex={1} className="gl-grid-rowhead">
              Document
            </div>
            {propositions.map((p, c) => (
              <div
                key={p.proposition.id}
                role="columnheader"
                aria-colindex={c + 2}
                aria-label={`P${c + 1}: ${p.proposition.text}${isContested(p, values) ? ' (contested)' : ''}`}
                title={p.proposition.text}
                className={`gl-grid-colhead${c === active.col ? ' gl-grid-current' : ''}${isContested(p, values) ? ' gl-grid-contested' : ''}`}
              >
                P{c + 1}
              </div>
            ))}
          </div>
          {docs.slice(first, last).map((d, i) => {
            const r = first + i;
            const label = titles.get(d.id) ?? d.title;
            return (
              <div key={d.id} role="row" aria-rowindex={r + 2} className="gl-grid-row" style={{ top: (r + 1) * ROW, width: gridWidth }}>
                <div role="rowheader" aria-colindex={1} className="gl-grid-rowhead">
                  <input
                    type="checkbox"
                    aria-label={`Choose ${label} for side by side`}
                    checked={chosen.includes(d.id)}
                    disabled={!chosen.includes(d.id) && chosen.length >= 4}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, d.id] : chosen.filter((x) => x !== d.id))}
                  />
                  <span className="gl-grid-doc" title={label}>
                    {label}
                  </span>
                </div>
                {propositions.map((p, c) => {
                  const stance = cellStance(cells.get(`${p.proposition.id}:${d.id}`));
                  const isActive = r === active.row && c === active.col;
                  return (
                    <div
                      key={p.proposition.id}
                      role="gridcell"
                      aria-colindex={c + 2}
                      aria-label={`${label}, P${c + 1}: ${stance ?? 'no stance'}`}
                      aria-selected={isActive}
                      tabIndex={isActive ? 0 : -1}
                      data-cell={`${r}:${c}`}
                      className={`gl-grid-cell${isActive ? ' gl-grid-active' : ''}`}
                      style={stance ? { ['--stance' as string]: stanceColor(stance, values) } : undefined}
                      onClick={() => setActive({ row: r, col: c })}
                      onDoubleClick={openEvidence}
                    >
                      <span aria-hidden="true">{stance ? stanceIcon(stance, values[0] ?? null, values[1] ?? null) : '·'}</span>
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      {activeDoc && activeProp && (
        <div className="gl-grid-detail" aria-live="polite">
          <h2>
            P{active.col + 1}: {activeProp.proposition.text}
          </h2>
          <p>
            <strong>{titles.get(activeDoc.id) ?? activeDoc.title}</strong>: {cellStance(activeCell) ?? 'says nothing about it'}
            {activeCell?.documentStance ? ` (document stance${activeCell.documentStance.justification ? `: ${activeCell.documentStance.justification}` : ''})` : ''}
          </p>
          {activeCell && activeCell.claims.length > 0 && (
            <ul className="gl-evidence">
              {activeCell.claims.map((c) => (
                <li key={c.claim.id}>
                  {c.claim.stance}: <a href={routeHash({ view: 'reader', documentId: activeDoc.id, annotationId: c.claim.annotationId })}>“{c.quote}”</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
