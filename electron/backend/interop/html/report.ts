import type { Block } from '../../../../shared/index.ts';
import type { Bundle, BundleAnnotation, BundleDocument } from '../model.ts';

/**
 * A self-contained HTML report of the annotated documents: a legend of the
 * labels, the propositions with every document's claims and stances, then
 * each document with its annotations highlighted (nested and overlapping
 * spans as nested marks), followed by a table of its annotations with their
 * attributes, notes, entity and claim links, and its relations. No scripts,
 * no external resources; everything from the corpus is escaped.
 */
export function serializeHtmlReport(bundle: Bundle, options: { generated?: string; title?: string } = {}): string {
  const labels = new Map(bundle.labels.map((l, i) => [l.name, { ...l, index: i }]));
  const entities = new Map(bundle.entities.map((e) => [e.key, e]));
  const propositions = new Map(bundle.propositions.map((p) => [p.key, p]));
  const title = options.title ?? 'Gloss report';
  const css = [
    'body{font:16px/1.55 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}',
    'h1,h2,h3{line-height:1.2}',
    'mark{background:var(--c);border-radius:2px;padding:0 1px;color:inherit;box-shadow:0 1px 0 var(--b)}',
    'mark mark{padding:1px 0}',
    'sup.tag{font-size:.65em;color:#555;margin-right:1px}',
    'table{border-collapse:collapse;width:100%;font-size:.9em;margin:1rem 0}',
    'td,th{border:1px solid #ddd;padding:.25rem .4rem;text-align:start;vertical-align:top}',
    '.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.3em}',
    '.meta{color:#555;font-size:.9em}',
    'article{border-top:2px solid #ddd;margin-top:2rem}',
    ...bundle.labels.map((l, i) => `.l${i}{--c:${l.color ?? '#cccccc'}55;--b:${l.color ?? '#999999'}}`),
  ].join('\n');
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${css}</style></head><body>`,
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">${bundle.documents.length} document(s), ${bundle.documents.reduce((n, d) => n + d.annotations.length, 0)} annotation(s)${options.generated ? `; generated ${esc(options.generated)}` : ''}.</p>`,
  ];

  const used = new Map<string, number>();
  for (const d of bundle.documents) for (const a of d.annotations) used.set(a.label, (used.get(a.label) ?? 0) + 1);
  out.push('<h2>Labels</h2><ul>');
  for (const [name, n] of used) {
    const l = labels.get(name);
    out.push(`<li><span class="swatch" style="background:${l?.color ?? '#cccccc'}"></span>${esc(name)} (${n})</li>`);
  }
  out.push('</ul>');

  if (bundle.propositions.length) {
    out.push('<h2>Propositions</h2><table><thead><tr><th>Proposition</th><th>Document</th><th>Claims (stance)</th><th>Document stance</th></tr></thead><tbody>');
    for (const p of bundle.propositions) {
      for (const d of bundle.documents) {
        const claims = d.annotations.flatMap((a) => a.claims.filter((c) => c.proposition === p.key).map((c) => ({ a, c })));
        const stance = d.stances.find((s) => s.proposition === p.key);
        if (!claims.length && !stance) continue;
        out.push(
          `<tr><td dir="auto">${esc(p.text)}</td><td dir="auto">${esc(d.title)}</td><td>${claims.map(({ a, c }) => `<q dir="auto">${esc(quoteOf(d, a))}</q> (${esc(c.stance)})`).join('<br>')}</td><td>${stance ? esc(stance.stance) : ''}</td></tr>`,
        );
      }
    }
    out.push('</tbody></table>');
  }

  for (const d of bundle.documents) {
    out.push(`<article${d.metadata.language ? ` lang="${esc(d.metadata.language)}"` : ''}>`, `<h2 dir="auto">${esc(d.title)}</h2>`);
    const meta = [d.metadata.outlet, d.metadata.author, d.metadata.published, d.metadata.url].filter(Boolean) as string[];
    if (meta.length) out.push(`<p class="meta" dir="auto">${meta.map(esc).join(' · ')}</p>`);
    out.push(renderText(d, labels));
    if (d.annotations.length) {
      out.push('<h3>Annotations</h3><table><thead><tr><th>Label</th><th>Text</th><th>Attributes</th><th>Note</th><th>Links</th></tr></thead><tbody>');
      for (const a of d.annotations) {
        const links: string[] = [];
        const e = a.entity !== undefined ? entities.get(a.entity) : undefined;
        if (e) links.push(`entity: ${esc(e.name)}${e.externalId ? ` (${esc(e.externalId)})` : ''}`);
        for (const c of a.claims) links.push(`${esc(c.stance)}: ${esc(propositions.get(c.proposition)?.text ?? c.proposition)}`);
        const attrs = Object.entries(a.attributes).map(([k, v]) => (v === true ? esc(k) : `${esc(k)}: ${esc(String(v))}`));
        out.push(`<tr><td>${esc(a.label)}</td><td dir="auto">${esc(quoteOf(d, a))}</td><td>${attrs.join('<br>')}</td><td dir="auto">${esc(a.note)}</td><td>${links.join('<br>')}</td></tr>`);
      }
      out.push('</tbody></table>');
    }
    if (d.relations.length) {
      const byKey = new Map(d.annotations.map((a) => [a.key, a]));
      out.push('<h3>Relations</h3><ul>');
      for (const r of d.relations) {
        const from = byKey.get(r.from);
        const to = r.toDocument ? bundle.documents.find((x) => x.key === r.toDocument)?.annotations.find((a) => a.key === r.to) : byKey.get(r.to);
        const toDoc = r.toDocument ? bundle.documents.find((x) => x.key === r.toDocument) : d;
        out.push(`<li dir="auto">“${esc(from ? quoteOf(d, from) : r.from)}” —${esc(r.type)}→ “${esc(to && toDoc ? quoteOf(toDoc, to) : r.to)}”${r.note ? ` (${esc(r.note)})` : ''}</li>`);
      }
      out.push('</ul>');
    }
    out.push('</article>');
  }
  out.push('</body></html>');
  return out.join('\n');
}

function quoteOf(d: BundleDocument, a: BundleAnnotation): string {
  return a.ranges.map((r) => d.text.slice(r.start, r.end)).join(' … ');
}

const TAGS: Record<Block['type'], string> = { paragraph: 'p', heading: 'h4', blockquote: 'blockquote', listItem: 'li', preformatted: 'pre' };

/** The text, block by block, with each segment wrapped in a mark per annotation covering it (outermost first). */
function renderText(d: BundleDocument, labels: ReadonlyMap<string, { index: number }>): string {
  const blocks: { type: Block['type']; start: number; end: number }[] = d.blocks.length ? d.blocks : [{ type: 'paragraph', start: 0, end: d.text.length }];
  const spans = d.annotations.flatMap((a) => a.ranges.map((r, i) => ({ a, start: r.start, end: r.end, first: i === 0 })));
  const out: string[] = [];
  for (const b of blocks) {
    const cuts = new Set<number>([b.start, b.end]);
    for (const s of spans) {
      if (s.end <= b.start || s.start >= b.end) continue;
      cuts.add(Math.max(s.start, b.start));
      cuts.add(Math.min(s.end, b.end));
    }
    const points = [...cuts].sort((x, y) => x - y);
    let html = '';
    for (let i = 0; i + 1 < points.length; i++) {
      const [s, e] = [points[i]!, points[i + 1]!];
      const covering = spans.filter((x) => x.start <= s && x.end >= e).sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start);
      let seg = esc(d.text.slice(s, e)).replace(/\n/g, '<br>');
      for (const c of [...covering].reverse()) seg = `<mark class="l${labels.get(c.a.label)?.index ?? 0}" title="${esc(c.a.label)}">${seg}</mark>`;
      const starting = covering.filter((c) => c.start === s && c.first).map((c) => `<sup class="tag">${esc(c.a.label)}</sup>`).join('');
      html += starting + seg;
    }
    const tag = TAGS[b.type] ?? 'p';
    out.push(tag === 'li' ? `<ul><li dir="auto">${html}</li></ul>` : `<${tag} dir="auto">${html}</${tag}>`);
  }
  return out.join('\n');
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
