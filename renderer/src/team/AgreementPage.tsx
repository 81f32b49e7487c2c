import { useEffect, useMemo, useState } from 'react';
import type { AgreementReport, Disagreement, PairAgreement, TeamInfo } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { touchesDomains } from '../api/liveUpdates.ts';
import { useLiveRefresh } from '../api/useLiveRefresh.ts';
import { messageOf } from '../app/errors.ts';
import type { Route } from '../app/route.ts';
import { fmt, heatColor } from './heat.ts';
import { MergeProject } from './MergeProject.tsx';
import './team.css';

type Metric = 'overlapF1' | 'exactF1' | 'mentionsKappa' | 'claimsKappa' | 'stancesAlpha';

const METRICS: Record<Metric, { name: string; of: (p: PairAgreement) => number | null }> = {
  overlapF1: { name: 'Span F1 (overlap)', of: (p) => p.spans.micro.overlap.f1 },
  exactF1: { name: 'Span F1 (exact)', of: (p) => p.spans.micro.exact.f1 },
  mentionsKappa: { name: "Cohen's κ, mention tokens", of: (p) => p.tokens.mentions.cohenKappa },
  claimsKappa: { name: "Cohen's κ, claim tokens", of: (p) => p.tokens.claims.cohenKappa },
  stancesAlpha: { name: "Krippendorff's α, stances", of: (p) => p.stances.krippendorffAlpha },
};

/**
 * Inter-annotator agreement: a pairwise heat map (click a cell for that pair's
 * figures per label and its disagreements, each a link into the reader), the
 * token, unitizing and stance figures, over all documents.
 */
export function AgreementPage({ navigate }: { navigate: (r: Route) => void }) {
  const [info, setInfo] = useState<TeamInfo | null>(null);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [metric, setMetric] = useState<Metric>('overlapF1');
  const [pair, setPair] = useState<[string, string] | null>(null);
  const [diffs, setDiffs] = useState<Disagreement[] | null>(null);
  /** Counts other sessions' changes to the layers: the figures are computed again for each. */
  const [changes, setChanges] = useState(0);
  useLiveRefresh((c) => touchesDomains(c, ['annotations', 'snapshots', 'suggestions', 'claims', 'team', 'documents', 'trash', 'jobs', 'labels', 'versions']), () => setChanges((n) => n + 1));

  useEffect(() => {
    api.team.info({}).then((i) => {
      setInfo(i);
      setChosen(i.annotators.map((a) => a.name).filter((n) => n !== 'curation'));
    }, (err) => setError(messageOf(err)));
  }, []);

  useEffect(() => {
    if (!chosen) return;
    const run = chosen.length < 2 ? Promise.reject(new Error('Choose at least two annotators.')) : api.team.agreement({ annotators: chosen });
    run.then(
      (r) => {
        setError(null);
        setReport(r);
        // The pair being looked at stays chosen while the figures are refreshed.
        setPair((p) => (p && r.pairs.some((x) => x.annotators.includes(p[0]) && x.annotators.includes(p[1])) ? p : (r.pairs[0]?.annotators ?? null)));
      },
      (err) => {
        setReport(null);
        setError(messageOf(err));
      },
    );
  }, [chosen, changes]);

  useEffect(() => {
    if (!pair) return;
    api.team.disagreements({ a: pair[0], b: pair[1] }).then(setDiffs, (err) => setError(messageOf(err)));
  }, [pair, changes]);

  const byPair = useMemo(() => {
    const m = new Map<string, PairAgreement>();
    for (const p of report?.pairs ?? []) {
      m.set(`${p.annotators[0]}\u0000${p.annotators[1]}`, p);
      m.set(`${p.annotators[1]}\u0000${p.annotators[0]}`, p);
    }
    return m;
  }, [report]);
  const current = pair ? byPair.get(`${pair[0]}\u0000${pair[1]}`) : undefined;
  // Agreement needs two layers: with fewer, the page explains instead of reporting the refusal as an error.
  const tooFew = info !== null && info.annotators.length < 2;

  return (
    <section className="gl-agreement" aria-labelledby="gl-agreement-title">
      <h1 id="gl-agreement-title">Agreement</h1>
      <MergeProject onMerged={() => api.team.info({}).then((i) => {
        setInfo(i);
        setChosen(i.annotators.map((a) => a.name).filter((n) => n !== 'curation'));
      })} />
      {info && tooFew && (
        <p className="gl-muted">
          Agreement compares the layers of two or more annotators.{' '}
          {info.annotators.length === 0 ? 'Nobody has annotated yet.' : `Only ${info.annotators[0]!.name} has annotated so far.`} Annotate under another name
          (Who is annotating?, at the top), import another annotator's export, or merge their project file.
        </p>
      )}
      {info && info.annotators.length > 0 && (
        <fieldset className="gl-annotator-choice">
          <legend>Annotators</legend>
          {info.annotators.map((a) => (
            <label key={a.name}>
              <input
                type="checkbox"
                checked={chosen?.includes(a.name) ?? false}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...(c ?? []), a.name] : (c ?? []).filter((x) => x !== a.name)))}
              />
              {a.name} <span className="gl-muted">({a.annotations})</span>
            </label>
          ))}
        </fieldset>
      )}
      {error && !tooFew && <p role="alert" className="gl-error">{error}</p>}
      {!report && !error && <p aria-live="polite">Computing…</p>}
      {report && (
        <>
          <p className="gl-muted">
            {report.documents} document(s); offsets in Unicode code points. Over all annotators: mention tokens α {fmt(report.tokens.mentions.krippendorffAlpha)}, Fleiss κ {fmt(report.tokens.mentions.fleissKappa)}; claim tokens α {fmt(report.tokens.claims.krippendorffAlpha)}; stances α {fmt(report.stances.krippendorffAlpha)} over {report.stances.items} item(s).
          </p>
          <label>
            Heat map figure{' '}
            <select value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
              {Object.entries(METRICS).map(([k, m]) => (
                <option key={k} value={k}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <table className="gl-heatmap" aria-label={`Pairwise ${METRICS[metric].name}`}>
            <thead>
              <tr>
                <th scope="col">Reference ↓ / other →</th>
                {report.annotators.map((a) => (
                  <th key={a} scope="col">{a}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.annotators.map((a, i) => (
                <tr key={a}>
                  <th scope="row">{a}</th>
                  {report.annotators.map((b, j) => {
                    if (i === j) return <td key={b} className="gl-heat-self">—</td>;
                    const p = byPair.get(`${a}\u0000${b}`)!;
                    const v = METRICS[metric].of(p);
                    const isCurrent = pair?.[0] === p.annotators[0] && pair?.[1] === p.annotators[1];
                    return (
                      <td key={b} style={{ background: heatColor(v) }}>
                        <button type="button" aria-pressed={isCurrent} aria-label={`${a} and ${b}: ${METRICS[metric].name} ${fmt(v)}; show disagreements`} onClick={() => {
                            setDiffs(null);
                            setPair(p.annotators);
                          }}>
                          {fmt(v)}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {current && <PairDetail pair={current} diffs={diffs} navigate={navigate} />}
        </>
      )}
    </section>
  );
}

function PairDetail({ pair, diffs, navigate }: { pair: PairAgreement; diffs: Disagreement[] | null; navigate: (r: Route) => void }) {
  const [a, b] = pair.annotators;
  const rows = [...Object.entries(pair.spans.byLabel), ['All labels (micro)', pair.spans.micro] as const];
  return (
    <div className="gl-pair">
      <h2>
        {a} (reference) and {b}
      </h2>
      <table className="gl-figures">
        <caption>Spans per label: precision, recall and F1 of {b} against {a}</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">{a}</th>
            <th scope="col">{b}</th>
            <th scope="col">Exact P</th>
            <th scope="col">Exact R</th>
            <th scope="col">Exact F1</th>
            <th scope="col">Overlap P</th>
            <th scope="col">Overlap R</th>
            <th scope="col">Overlap F1</th>
            <th scope="col">αu</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, s]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{s.a}</td>
              <td>{s.b}</td>
              <td>{fmt(s.exact.precision)}</td>
              <td>{fmt(s.exact.recall)}</td>
              <td style={{ background: heatColor(s.exact.f1) }}>{fmt(s.exact.f1)}</td>
              <td>{fmt(s.overlap.precision)}</td>
              <td>{fmt(s.overlap.recall)}</td>
              <td style={{ background: heatColor(s.overlap.f1) }}>{fmt(s.overlap.f1)}</td>
              <td>{fmt(pair.unitizing.byLabel[label] ?? null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Tokens: mentions κ {fmt(pair.tokens.mentions.cohenKappa)}, α {fmt(pair.tokens.mentions.krippendorffAlpha)} · claims κ {fmt(pair.tokens.claims.cohenKappa)}, α {fmt(pair.tokens.claims.krippendorffAlpha)} ({pair.tokens.mentions.items} tokens) · stances: {pair.stances.items} item(s), agreement {fmt(pair.stances.agreement)}, α {fmt(pair.stances.krippendorffAlpha)}
      </p>
      <h3>Disagreements</h3>
      {!diffs && <p aria-live="polite">Loading…</p>}
      {diffs && diffs.length === 0 && <p>None: the two layers are the same.</p>}
      {diffs && diffs.length > 0 && (
        <ul className="gl-disagreements" aria-label={`Disagreements between ${a} and ${b}`}>
          {diffs.slice(0, 500).map((d, i) => {
            const target = d.a ?? d.b!;
            return (
              <li key={i}>
                <span className={`gl-diff-kind gl-diff-kind-${d.kind}`}>{d.kind}</span> {d.detail}{' '}
                <button type="button" onClick={() => navigate({ view: 'reader', documentId: d.documentId, annotationId: target.id })}>
                  Open in reader
                </button>{' '}
                <button type="button" onClick={() => navigate({ view: 'curation', documentId: d.documentId })}>
                  Curate
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
