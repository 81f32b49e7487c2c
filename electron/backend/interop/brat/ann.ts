import { countCodePoints, codePointToUtf16Many, type TextRange } from '../../../../shared/index.ts';
import { importError } from '../errors.ts';

// brat's standoff format (https://brat.nlplab.org/standoff.html): one
// annotation per line, fields separated by tabs, offsets in code points.

/** `T1	Type 0 5;8 12	text`: a span, possibly discontinuous. Offsets are code points. */
export interface BratTextBound {
  id: string;
  type: string;
  fragments: TextRange[];
  text: string;
  line: number;
}

/** `R1	Type Arg1:T1 Arg2:T2`. */
export interface BratRelation {
  id: string;
  type: string;
  args: BratArg[];
  line: number;
}

/** `E1	Type:T3 Role:T1 Role2:E2`. */
export interface BratEvent {
  id: string;
  type: string;
  trigger: string;
  args: BratArg[];
  line: number;
}

export interface BratArg {
  role: string;
  ref: string;
}

/** `A1	Name T1 Value` or `A1	Name T1` (binary); `M` is brat's old name for `A`. */
export interface BratAttribute {
  id: string;
  name: string;
  target: string;
  value: string | true;
  line: number;
}

/** `N1	Reference T1 Wikipedia:64488	Carlos Salinas`. */
export interface BratNormalization {
  id: string;
  type: string;
  target: string;
  resource: string;
  externalId: string;
  text: string;
  line: number;
}

/** `#1	AnnotatorNotes T1	text`. */
export interface BratNote {
  id: string;
  type: string;
  target: string;
  text: string;
  line: number;
}

/** `*	Alias T1 T2 T3`. */
export interface BratEquivalence {
  type: string;
  members: string[];
  line: number;
}

/** The annotations of one `.ann` file. */
export interface BratAnnotations {
  textBounds: BratTextBound[];
  relations: BratRelation[];
  events: BratEvent[];
  attributes: BratAttribute[];
  normalizations: BratNormalization[];
  notes: BratNote[];
  equivalences: BratEquivalence[];
}

export function emptyAnnotations(): BratAnnotations {
  return { textBounds: [], relations: [], events: [], attributes: [], normalizations: [], notes: [], equivalences: [] };
}

const ID = /^[A-Za-z#*][A-Za-z0-9_#-]*$/;

/**
 * Parses and checks a `.ann` file against its text: every line well formed,
 * every id unique, every reference known, every span inside the text and
 * agreeing with it. Errors name the file and line.
 */
export function parseAnn(ann: string, text: string, file: string, txtFile: string): BratAnnotations {
  const out = emptyAnnotations();
  const lines = ann.split(/\r?\n/);
  const fail = (line: number, message: string) => importError(file, line, message);
  const ids = new Map<string, { kind: string; line: number }>();
  const declare = (id: string, kind: string, line: number) => {
    if (!ID.test(id)) throw fail(line, `"${id}" is not a valid annotation id`);
    const prev = ids.get(id);
    if (prev) throw fail(line, `id ${id} is used twice (first on line ${prev.line})`);
    ids.set(id, { kind, line });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]!;
    if (!raw.trim()) continue;
    const fields = raw.split('\t');
    const id = fields[0]!;
    const head = (fields[1] ?? '').trim();
    const tail = fields.slice(2).join('\t');
    const words = head.split(/ +/).filter(Boolean);
    const kind = id[0];
    if (fields.length < 2 || !head) throw fail(line, `malformed line: expected an id, a tab and an annotation (got "${clip(raw)}")`);
    switch (kind) {
      case 'T': {
        declare(id, 'T', line);
        if (fields.length < 3) throw fail(line, `malformed text-bound annotation ${id}: expected "ID<TAB>TYPE START END<TAB>TEXT"`);
        const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(head);
        if (!m) throw fail(line, `malformed text-bound annotation ${id}: expected "TYPE START END[;START END…]" (got "${clip(head)}")`);
        const fragments = m[2]!.split(';').map((f) => {
          const [s, e] = f.split(' ').map(Number) as [number, number];
          if (e <= s) throw fail(line, `${id}: span ${s}–${e} is empty or reversed`);
          return { start: s, end: e };
        });
        out.textBounds.push({ id, type: m[1]!, fragments, text: tail, line });
        break;
      }
      case 'R': {
        declare(id, 'R', line);
        const [type, ...args] = words;
        if (!type || args.length !== 2) throw fail(line, `malformed relation ${id}: expected "TYPE Arg1:ID Arg2:ID"`);
        out.relations.push({ id, type, args: args.map((a) => parseArg(a, line, id, fail)), line });
        break;
      }
      case 'E': {
        declare(id, 'E', line);
        const [typeTrigger, ...args] = words;
        const m = /^([^:]+):(\S+)$/.exec(typeTrigger ?? '');
        if (!m) throw fail(line, `malformed event ${id}: expected "TYPE:TRIGGER [ROLE:ID…]"`);
        out.events.push({ id, type: m[1]!, trigger: m[2]!, args: args.map((a) => parseArg(a, line, id, fail)), line });
        break;
      }
      case 'A':
      case 'M': {
        declare(id, 'A', line);
        const [name, target, value, ...extra] = words;
        if (!name || !target || extra.length) throw fail(line, `malformed attribute ${id}: expected "NAME TARGET [VALUE]"`);
        out.attributes.push({ id, name, target, value: value ?? true, line });
        break;
      }
      case 'N': {
        declare(id, 'N', line);
        const [type, target, ref, ...extra] = words;
        const m = /^([^:]+):(.+)$/.exec(ref ?? '');
        if (!type || !target || !m || extra.length) throw fail(line, `malformed normalization ${id}: expected "TYPE TARGET RESOURCE:ID<TAB>TEXT"`);
        out.normalizations.push({ id, type, target, resource: m[1]!, externalId: m[2]!, text: tail, line });
        break;
      }
      case '#': {
        if (id !== '#') declare(id, '#', line);
        const [type, target, ...extra] = words;
        if (!type || !target || extra.length) throw fail(line, `malformed note ${id}: expected "TYPE TARGET<TAB>TEXT"`);
        out.notes.push({ id, type, target, text: tail, line });
        break;
      }
      case '*': {
        const [type, ...members] = words;
        if (!type || members.length < 2) throw fail(line, 'malformed equivalence: expected "*<TAB>TYPE ID ID…"');
        out.equivalences.push({ type, members, line });
        break;
      }
      default:
        throw fail(line, `malformed line: unknown annotation id "${clip(id)}" (brat ids start with T, R, E, A, M, N, # or *)`);
    }
  }

  // References, now that every id is known.
  const need = (ref: string, line: number, allowed: string, what: string) => {
    const target = ids.get(ref);
    if (!target) throw fail(line, `unknown reference ${ref} in ${what}`);
    if (!allowed.includes(target.kind)) throw fail(line, `${what} refers to ${ref}, which cannot be referred to there`);
  };
  for (const r of out.relations) for (const a of r.args) need(a.ref, r.line, 'TE', `relation ${r.id}`);
  for (const e of out.events) {
    need(e.trigger, e.line, 'T', `the trigger of event ${e.id}`);
    for (const a of e.args) need(a.ref, e.line, 'TE', `event ${e.id}`);
  }
  for (const a of out.attributes) need(a.target, a.line, 'TER', `attribute ${a.id}`);
  for (const n of out.normalizations) need(n.target, n.line, 'TRE', `normalization ${n.id}`);
  for (const n of out.notes) need(n.target, n.line, 'TREAN', `note ${n.id}`);
  for (const q of out.equivalences) for (const m of q.members) need(m, q.line, 'TE', 'equivalence');

  checkSpans(out.textBounds, text, file, txtFile);
  return out;
}

/** Every span lies inside the text, and its recorded text agrees with the text there. */
function checkSpans(spans: readonly BratTextBound[], text: string, file: string, txtFile: string): void {
  const length = countCodePoints(text);
  for (const t of spans) {
    for (const f of t.fragments) {
      if (f.end > length) throw importError(file, t.line, `${t.id}: offset ${f.end} is past the end of ${txtFile} (${length} characters)`);
    }
  }
  const utf16 = codePointToUtf16Many(text, spans.flatMap((t) => t.fragments.flatMap((f) => [f.start, f.end])));
  let k = 0;
  for (const t of spans) {
    const parts = t.fragments.map(() => text.slice(utf16[k++]!, utf16[k++]!));
    if (!sameSpanText(parts.join(' '), t.text)) {
      const where = t.fragments.map((f) => `${f.start}–${f.end}`).join(';');
      throw importError(file, t.line, `${t.id}: the span text "${clip(t.text)}" disagrees with ${txtFile} at ${where} ("${clip(parts.join(' '))}")`);
    }
  }
}

/** brat writes newlines inside spans as spaces; otherwise the text must be the same. */
function sameSpanText(actual: string, recorded: string): boolean {
  if (actual === recorded) return true;
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  return norm(actual) === norm(recorded);
}

function parseArg(a: string, line: number, id: string, fail: (line: number, m: string) => Error): BratArg {
  const m = /^([^:]+):(\S+)$/.exec(a);
  if (!m) throw fail(line, `malformed argument "${clip(a)}" of ${id}: expected ROLE:ID`);
  return { role: m[1]!, ref: m[2]! };
}

function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Writes annotations in brat's standoff format, one per line, ids as given. */
export function serializeAnn(a: BratAnnotations): string {
  const lines: string[] = [];
  for (const t of a.textBounds) lines.push(`${t.id}\t${t.type} ${t.fragments.map((f) => `${f.start} ${f.end}`).join(';')}\t${oneLine(t.text)}`);
  for (const r of a.relations) lines.push(`${r.id}\t${r.type} ${r.args.map((x) => `${x.role}:${x.ref}`).join(' ')}`);
  for (const e of a.events) lines.push(`${e.id}\t${[`${e.type}:${e.trigger}`, ...e.args.map((x) => `${x.role}:${x.ref}`)].join(' ')}`);
  for (const q of a.equivalences) lines.push(`*\t${q.type} ${q.members.join(' ')}`);
  for (const x of a.attributes) lines.push(`${x.id}\t${x.name} ${x.target}${x.value === true ? '' : ` ${x.value}`}`);
  for (const n of a.normalizations) lines.push(`${n.id}\t${n.type} ${n.target} ${n.resource}:${n.externalId}\t${oneLine(n.text)}`);
  for (const n of a.notes) lines.push(`${n.id}\t${n.type} ${n.target}\t${oneLine(n.text)}`);
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** brat has one annotation per line: line breaks inside a field become spaces. */
export function oneLine(s: string): string {
  return s.replace(/\r\n|[\n\r\u2028\u2029]/g, ' ');
}

/** An attribute value as brat holds it: one token, without the configuration's separators (| and ,). */
export function bratValue(s: string): string {
  return s.trim().replace(/[\s|,]+/g, '_') || '_';
}
