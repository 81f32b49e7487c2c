import type { Bundle, BundleDocument } from './model.ts';
import type { Token } from './tokens.ts';

// Annotation layers for the token-based exports: entity mentions (labels of
// kind entity), claims (kind claim) and other spans, each tagged on its own,
// so that an entity inside a tagged claim keeps its tags.

/** The layers, in the order exports write them. */
export const LAYERS = ['mentions', 'claims', 'other'] as const;
export type Layer = (typeof LAYERS)[number];

/** A span of one layer: its label and UTF-16 range (one per range of a discontinuous annotation). */
export interface LayerSpan {
  label: string;
  start: number;
  end: number;
}

/**
 * A document's spans by layer, limited to the labels asked for (all when
 * `labels` is absent). Labels are looked up by name in the bundle; a label
 * Gloss does not know is a mention.
 */
export function layerSpans(bundle: Bundle, doc: BundleDocument, labels?: readonly string[]): Map<Layer, LayerSpan[]> {
  const kind = new Map(bundle.labels.map((l) => [l.name, l.kind]));
  const wanted = labels ? new Set(labels) : undefined;
  const out = new Map<Layer, LayerSpan[]>(LAYERS.map((l) => [l, []]));
  for (const a of doc.annotations) {
    if (wanted && !wanted.has(a.label)) continue;
    const k = kind.get(a.label) ?? 'entity';
    const layer: Layer = k === 'claim' ? 'claims' : k === 'other' ? 'other' : 'mentions';
    for (const r of a.ranges) out.get(layer)!.push({ label: a.label, start: r.start, end: r.end });
  }
  return out;
}

/**
 * IOB2 tags of one layer for sentences of tokens: where spans of the layer
 * nest or overlap, a token takes the outermost (the longest, then the
 * first); a span's first token in each sentence is B-. Labels with
 * whitespace are written with underscores.
 */
export function bioTags(sentences: readonly (readonly Token[])[], spans: readonly LayerSpan[]): string[][] {
  const tokens = sentences.flat();
  const sorted = [...spans].sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start);
  const owners = new Array<LayerSpan | undefined>(tokens.length);
  for (const s of sorted) {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.end <= s.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < tokens.length && tokens[i]!.start < s.end; i++) if (!owners[i]) owners[i] = s;
  }
  const out: string[][] = [];
  let k = 0;
  for (const sentence of sentences) {
    out.push(
      sentence.map((_, i) => {
        const owner = owners[k + i];
        if (!owner) return 'O';
        return `${i > 0 && owners[k + i - 1] === owner ? 'I' : 'B'}-${owner.label.replace(/\s+/g, '_')}`;
      }),
    );
    k += sentence.length;
  }
  return out;
}
