// The comparison as files: CSV for spreadsheets and statistics, and a
// self-contained HTML report (inline CSS, print styles, no scripts, nothing
// fetched) for reading and printing.

import { utf16ToCodePointMany, type CompareResult, type ExportedFile, type TextRange } from '../../../shared/index.ts';
import { csvCell } from '../interop/csv/cell.ts';

/** The columns of the CSV export. Offsets count Unicode code points (as brat and W3C do), not UTF-16 units. */
export const CSV_COLUMNS = [
  'proposition_id',
  'proposition',
  'contested',
  'document_id',
  'document',
  'level',
  'stance',
  'quote',
  'start_codepoint',
  'end_codepoint',
  'ranges_codepoints',
  'hedged',
  'reported',
  'attribution',
  'justification',
  'annotation_id',
] as const;

/**
 * One row per claim (level `claim`) and per document-level stance (level
 * `document`, no quote), propositions in matrix order, documents in column
 * order. `start_codepoint`/`end_codepoint` are the first range's start and
 * the last range's end; `ranges_codepoints` lists every range as
 * `start-end`, separated by `;`. RFC 4180: CRLF line ends, fields quoted when needed.
 */
export function comparisonCsv(result: CompareResult, texts: ReadonlyMap<string, string>, entityNames: ReadonlyMap<string, string> = new Map()): string {
  const names = new Map(result.documents.map((d) => [d.id, d.title || d.name]));
  const toCp = codePointMapper(result, texts);
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const p of result.propositions) {
    for (const cell of p.stances) {
      const base = [p.id, p.text, String(p.contested), cell.document, names.get(cell.document) ?? ''];
      if (cell.documentStance !== null) rows.push([...base, 'document', cell.documentStance, '', '', '', '', '', '', '', cell.justification, '']);
      for (const e of cell.evidence) {
        const ranges = e.ranges.map((r) => toCp(cell.document, r));
        const attribution = e.attribution.text || (e.attribution.entityId ? (entityNames.get(e.attribution.entityId) ?? entityName(result, e.attribution.entityId)) : '');
        rows.push([
          ...base,
          'claim',
          e.stance,
          e.quote,
          String(ranges[0]?.start ?? ''),
          String(ranges[ranges.length - 1]?.end ?? ''),
          ranges.map((r) => `${r.start}-${r.end}`).join(';'),
          String(e.hedged),
          String(e.reported),
          attribution,
          '',
          e.annotationId,
        ]);
      }
    }
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Converts UTF-16 ranges to code points, one pass per document over all its offsets. */
function codePointMapper(result: CompareResult, texts: ReadonlyMap<string, string>): (documentId: string, r: TextRange) => TextRange {
  const maps = new Map<string, Map<number, number>>();
  for (const d of result.documents) {
    const offsets = new Set<number>();
    for (const p of result.propositions) {
      for (const c of p.stances) if (c.document === d.id) for (const e of c.evidence) for (const r of e.ranges) offsets.add(r.start).add(r.end);
    }
    const list = [...offsets];
    const converted = utf16ToCodePointMany(texts.get(d.id) ?? '', list);
    maps.set(d.id, new Map(list.map((o, i) => [o, converted[i]!])));
  }
  return (documentId, r) => {
    const m = maps.get(documentId);
    return { start: m?.get(r.start) ?? r.start, end: m?.get(r.end) ?? r.end };
  };
}

function entityName(result: CompareResult, id: string): string {
  const all = [...result.entities.shared, ...result.entities.unique.flatMap((u) => u.entities)];
  return all.find((e) => e.id === id)?.name ?? '';
}

const STYLE = `
:root { --favor: #2e7d32; --against: #c62828; --other: #546e7a; --mixed: #8d6e00; --line: #d0d4d9; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1b1f23; margin: 2rem auto; max-width: 80rem; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
.meta { color: #57606a; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid var(--line); padding: .4rem .5rem; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
thead th { background: #f3f4f6; }
tr { break-inside: avoid; page-break-inside: avoid; }
.prop { font-weight: 600; }
.contested { display: inline-block; margin-top: .25rem; font-size: .75rem; font-weight: 700; color: #fff; background: var(--against); border-radius: 3px; padding: 0 .35rem; text-transform: uppercase; letter-spacing: .03em; }
.stance { display: inline-block; font-weight: 700; font-size: .8rem; border-radius: 3px; padding: 0 .35rem; color: #fff; background: var(--other); }
.stance.positive { background: var(--favor); } .stance.negative { background: var(--against); } .stance.mixed { background: var(--mixed); }
.none { color: #8c959f; }
blockquote { margin: .35rem 0 0; padding: .1rem 0 .1rem .5rem; border-left: 3px solid var(--line); font-style: italic; }
blockquote .at { display: block; font-style: normal; font-size: .75rem; color: #57606a; }
.just { font-size: .85rem; color: #57606a; margin-top: .25rem; }
ul { margin: .25rem 0; padding-left: 1.2rem; }
.count { color: #57606a; font-variant-numeric: tabular-nums; }
.passage td { font-size: .9rem; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  @page { size: A4 landscape; margin: 12mm; }
  h2 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** A self-contained HTML report of the comparison: matrix, entities and reused passages. */
export function comparisonHtml(
  result: CompareResult,
  texts: ReadonlyMap<string, string>,
  entityNames: ReadonlyMap<string, string> = new Map(),
  generatedAt = new Date(),
): string {
  const docs = result.documents;
  const title = (id: string) => {
    const d = docs.find((x) => x.id === id);
    return d ? d.title || d.name : id;
  };
  const toCp = codePointMapper(result, texts);
  const head = `<tr><th scope="col">Proposition</th>${docs.map((d) => `<th scope="col">${esc(d.title || d.name)}</th>`).join('')}</tr>`;
  const matrixRows = result.propositions.map((p) => {
    const cells = p.stances.map((c) => {
      if (c.stance === null) return '<td><span class="none">—</span></td>';
      const pol = c.stance === 'mixed' && c.documentStance === null ? 'mixed' : (c.polarities[0] ?? 'other');
      const quotes = c.evidence
        .map((e) => {
          const r = e.ranges.map((x) => toCp(c.document, x));
          const who = e.attribution.text || (e.attribution.entityId ? (entityNames.get(e.attribution.entityId) ?? entityName(result, e.attribution.entityId)) : '');
          const flags = [e.stance, e.hedged ? 'hedged' : '', e.reported ? 'reported' : '', who ? `according to ${who}` : ''].filter(Boolean).join(', ');
          const where = `code points ${r.map((x) => `${x.start}–${x.end}`).join(', ')}`;
          return `<blockquote>${esc(e.quote)}<span class="at">${esc(flags)} · ${where}</span></blockquote>`;
        })
        .join('');
      const just = c.justification ? `<div class="just">${esc(c.justification)}</div>` : '';
      return `<td><span class="stance ${pol}">${esc(c.stance)}</span>${just}${quotes}</td>`;
    });
    const contested = p.contested ? '<br><span class="contested">contested</span>' : '';
    return `<tr><th scope="row"><span class="prop">${esc(p.text)}</span>${contested}</th>${cells.join('')}</tr>`;
  });
  const contestedCount = result.propositions.filter((p) => p.contested).length;
  const matrix = result.propositions.length
    ? `<table><thead>${head}</thead><tbody>${matrixRows.join('')}</tbody></table>`
    : '<p class="none">No claims or document stances on propositions in these documents yet.</p>';

  const counts = (e: CompareResult['entities']['shared'][number]) =>
    `<tr><th scope="row">${esc(e.name)}${e.type ? ` <span class="count">(${esc(e.type)})</span>` : ''}</th>${docs
      .map((d) => `<td class="count">${e.documents.find((x) => x.document === d.id)?.count ?? 0}</td>`)
      .join('')}</tr>`;
  const entityHead = `<tr><th scope="col">Entity</th>${docs.map((d) => `<th scope="col">${esc(d.title || d.name)}</th>`).join('')}</tr>`;
  const shared = result.entities.shared.length
    ? `<table><thead>${entityHead}</thead><tbody>${result.entities.shared.map(counts).join('')}</tbody></table>`
    : '<p class="none">No entity is mentioned by more than one of these documents.</p>';
  const unique = result.entities.unique
    .map((u) => {
      const list = u.entities.map((e) => `<li>${esc(e.name)} <span class="count">×${e.total}</span></li>`).join('');
      return `<h3>Only in ${esc(title(u.document))}</h3>${list ? `<ul>${list}</ul>` : '<p class="none">None.</p>'}`;
    })
    .join('');

  const passages = result.reusedPassages.length
    ? `<table class="passage"><thead><tr><th scope="col" style="width:6rem">Similarity</th><th scope="col">Occurrences</th></tr></thead><tbody>${result.reusedPassages
        .map(
          (p) =>
            `<tr><td class="count">${Math.round(p.similarity * 100)}%</td><td>${p.occurrences
              .map((o) => {
                const r = toCpPassage(texts.get(o.document) ?? '', o.start, o.end);
                return `<div><strong>${esc(title(o.document))}</strong> <span class="count">(code points ${r.start}–${r.end}, ${o.words} words)</span><blockquote>${esc(o.quote)}</blockquote></div>`;
              })
              .join('')}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="none">No passage appears in more than one of these documents.</p>';

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Gloss">
<title>${esc(`Comparison: ${docs.map((d) => d.title || d.name).join(' · ')}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Comparison of ${docs.length} document${docs.length === 1 ? '' : 's'}</h1>
<p class="meta">Generated by Gloss on ${esc(generatedAt.toISOString().slice(0, 10))}. Offsets count Unicode code points.</p>
<ol>${docs.map((d) => `<li>${esc(d.title || d.name)} <span class="count">(${esc(d.name)})</span></li>`).join('')}</ol>
<h2>Propositions</h2>
<p class="meta">${result.propositions.length} proposition${result.propositions.length === 1 ? '' : 's'}, ${contestedCount} contested (one document ${esc(result.stanceSet.positive ?? 'positive')}, another ${esc(result.stanceSet.negative ?? 'negative')}).</p>
${matrix}
<h2>Entities</h2>
<h3>Shared</h3>
${shared}
${unique}
<h2>Reused passages</h2>
${passages}
</body>
</html>
`;
}

function toCpPassage(text: string, start: number, end: number): TextRange {
  const [s, e] = utf16ToCodePointMany(text, [start, end]);
  return { start: s!, end: e! };
}

/** Escapes text for HTML element content and attribute values. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A file name from the documents' names: `comparison-a-vs-b.csv`. */
export function comparisonFileName(result: CompareResult, extension: string): string {
  const slug = result.documents
    .map((d) => d.name.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase())
    .filter(Boolean)
    .join('-vs-')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `comparison${slug ? `-${slug}` : ''}.${extension}`;
}

/** The export of `compare.export`; `entityNames` names attributed entities the compared documents do not mention. */
export function comparisonFile(
  result: CompareResult,
  texts: ReadonlyMap<string, string>,
  format: 'csv' | 'html',
  entityNames: ReadonlyMap<string, string> = new Map(),
): ExportedFile {
  return format === 'csv'
    ? { fileName: comparisonFileName(result, 'csv'), mediaType: 'text/csv; charset=utf-8', content: comparisonCsv(result, texts, entityNames) }
    : { fileName: comparisonFileName(result, 'html'), mediaType: 'text/html; charset=utf-8', content: comparisonHtml(result, texts, entityNames) };
}
