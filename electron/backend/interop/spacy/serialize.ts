import { encode } from '@msgpack/msgpack';
import { deflateSync } from 'node:zlib';
import { layerSpans, LAYERS, type LayerSpan } from '../layers.ts';
import type { Bundle, BundleDocument } from '../model.ts';
import { utf16ToCodePointMany } from '../../../../shared/index.ts';
import { tokenizeDocument, type Token } from '../tokens.ts';
import { murmurHash64A } from './murmur.ts';
import { SPACY_SYMBOLS } from './symbols.ts';

// spaCy's DocBin (a `.spacy` file: zlib-compressed msgpack, see
// spacy/tokens/_serialize.py): per document the tokens' attributes as a
// uint64 matrix (ORTH, ENT_IOB, ENT_TYPE, SENT_START), whether each is
// followed by a space, span groups and user data. Whitespace other than one
// space after a token becomes whitespace tokens, as spaCy's tokenizer makes
// them, so that `doc.text` is the document's text exactly and character
// offsets agree with Gloss's (in code points, as Python counts).

/** spaCy attribute ids (spacy.attrs). */
const ORTH = 65;
const ENT_IOB = 77;
const ENT_TYPE = 78;
const SENT_START = 80;
const ATTRS = [ORTH, ENT_IOB, ENT_TYPE, SENT_START];
/** ENT_IOB values: 3 begins an entity, 1 is inside, 2 outside. */
const IOB = { B: 3n, I: 1n, O: 2n };
const NOT_SENT_START = 0xffffffffffffffffn; // -1 as uint64

const symbolIds = new Map(SPACY_SYMBOLS.map((s, i) => [s, BigInt(i)]));
const utf8 = new TextEncoder();

/** A string's id in spaCy's StringStore: a reserved symbol's number, else its hash. */
export function spacyStringId(s: string, cache = new Map<string, bigint>()): bigint {
  const sym = symbolIds.get(s);
  if (sym !== undefined) return sym;
  let h = cache.get(s);
  if (h === undefined) cache.set(s, (h = murmurHash64A(utf8.encode(s), 1n)));
  return h;
}

/**
 * A DocBin of the bundle's documents: entity mentions that do not overlap in
 * `doc.ents`, and every layer in `doc.spans` (`mentions`, `claims`, and
 * `other` when there are such spans). Labels can be limited to those named.
 */
export function serializeSpacy(bundle: Bundle, options: { labels?: readonly string[] } = {}): { bytes: Uint8Array; warnings: string[] } {
  const strings = new Set<string>();
  const cache = new Map<string, bigint>();
  const id = (s: string) => {
    strings.add(s);
    return spacyStringId(s, cache);
  };
  const tokenRows: bigint[] = [];
  const spaces: number[] = [];
  const lengths: number[] = [];
  const spanGroups: Uint8Array[] = [];
  const userData: Uint8Array[] = [];
  let overlapping = 0;
  for (const doc of bundle.documents) {
    const layers = layerSpans(bundle, doc, options.labels);
    const tokens = withWhitespace(doc, tokenizeDocument(doc, layers.get('mentions')));
    const cps = utf16ToCodePointMany(doc.text, tokens.flatMap((t) => [t.start, t.end]));
    const at = (start: number, end: number): [number, number] | undefined => {
      let lo = 0;
      let hi = tokens.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tokens[mid]!.end <= start) lo = mid + 1;
        else hi = mid;
      }
      const s = lo < tokens.length ? lo : -1;
      let e = s;
      while (e < tokens.length && tokens[e]!.start < end) e++;
      return s >= 0 && e > s ? [s, e] : undefined;
    };
    const ents = new Array<{ label: string; first: boolean } | undefined>(tokens.length);
    const mentions = [...layers.get('mentions')!].sort((a, b) => a.start - b.start || b.end - a.end);
    for (const m of mentions) {
      const range = at(m.start, m.end);
      if (!range) continue;
      const [s, e] = range;
      if (ents.slice(s, e).some(Boolean)) {
        overlapping++;
        continue;
      }
      for (let i = s; i < e; i++) ents[i] = { label: m.label, first: i === s };
    }
    tokens.forEach((t, i) => {
      const ent = ents[i];
      tokenRows.push(id(t.text), ent ? (ent.first ? IOB.B : IOB.I) : IOB.O, ent ? id(ent.label) : 0n, i === 0 || t.sentenceStart ? 1n : NOT_SENT_START);
      spaces.push(t.spaceAfter ? 1 : 0);
    });
    lengths.push(tokens.length);
    const groups: Uint8Array[] = [];
    for (const layer of LAYERS) {
      const spans = layers.get(layer)!;
      if (layer === 'other' && !spans.length) continue;
      groups.push(spanGroup(layer, spans, at, cps, id));
    }
    spanGroups.push(encode(groups));
    userData.push(encode({ gloss_id: doc.key, name: doc.name, title: doc.title }));
  }
  const u64 = new BigUint64Array(tokenRows);
  const msg = {
    version: '0.1',
    attrs: ATTRS,
    tokens: littleEndian(u64),
    spaces: Uint8Array.from(spaces),
    lengths: new Uint8Array(Int32Array.from(lengths).buffer),
    strings: [...strings].sort(),
    cats: bundle.documents.map(() => ({})),
    flags: bundle.documents.map(() => ({ has_unknown_spaces: false })),
    span_groups: spanGroups,
    user_data: userData,
  };
  const warnings = overlapping ? [`${overlapping} overlapping entity mention(s) are in doc.spans["mentions"] but not in doc.ents, which cannot overlap`] : [];
  return { bytes: deflateSync(encode(msg)), warnings };
}

/** One span group (spacy/tokens/span_group.pyx to_bytes): spans packed as `>QQQllll`. */
function spanGroup(
  name: string,
  spans: readonly LayerSpan[],
  at: (start: number, end: number) => [number, number] | undefined,
  cps: readonly number[],
  id: (s: string) => bigint,
): Uint8Array {
  const packed: Uint8Array[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const range = at(s.start, s.end);
    if (!range) continue;
    const [first, end] = range;
    const b = new DataView(new ArrayBuffer(40));
    b.setBigUint64(0, 0n); // span id
    b.setBigUint64(8, 0n); // kb id
    b.setBigUint64(16, id(s.label));
    b.setInt32(24, first);
    b.setInt32(28, end);
    b.setInt32(32, cps[2 * first]!);
    b.setInt32(36, cps[2 * (end - 1) + 1]!);
    packed.push(new Uint8Array(b.buffer));
  }
  return encode({ name, attrs: {}, spans: packed });
}

interface SpacyToken extends Token {
  spaceAfter: boolean;
  sentenceStart: boolean;
}

/**
 * The tokens with what lies between them: one space after a token is its
 * `spaceAfter`; other whitespace becomes whitespace tokens (split where an
 * annotation starts or ends inside), as spaCy's tokenizer makes them.
 */
function withWhitespace(doc: BundleDocument, sentences: Token[][]): SpacyToken[] {
  const out: SpacyToken[] = [];
  const cuts = [...new Set(doc.annotations.flatMap((a) => a.ranges.flatMap((r) => [r.start, r.end])))].sort((a, b) => a - b);
  const gap = (from: number, to: number) => {
    if (to <= from) return;
    let start = from;
    const prev = out[out.length - 1];
    if (prev && doc.text[from] === ' ') {
      prev.spaceAfter = true;
      start++;
    }
    const inner = cuts.filter((c) => c > start && c < to);
    for (const [s, e] of [start, ...inner].map((s, i, all) => [s, all[i + 1] ?? to] as const)) {
      if (e > s) out.push({ text: doc.text.slice(s, e), start: s, end: e, spaceAfter: false, sentenceStart: false });
    }
  };
  let at = 0;
  for (const sentence of sentences) {
    sentence.forEach((t, i) => {
      gap(at, t.start);
      out.push({ ...t, spaceAfter: false, sentenceStart: i === 0 });
      at = t.end;
    });
  }
  gap(at, doc.text.length);
  return out;
}

function littleEndian(a: BigUint64Array): Uint8Array {
  const out = new Uint8Array(a.length * 8);
  const view = new DataView(out.buffer);
  a.forEach((v, i) => view.setBigUint64(i * 8, v, true));
  return out;
}
