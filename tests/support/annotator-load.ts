// Simulated annotators working at once through a served project's HTTP API,
// as people in a lab would: each creates, edits and deletes annotations at a
// steady rate. Every write the server acknowledged is kept in a ledger, so
// that after the run (and after a kill -9 of the server in the middle of it)
// the project can be checked against it: no acknowledged write may be lost.
import type { Annotation, Args, Method, Result, TextRange } from '../../shared/index.ts';
import { mulberry32 } from '../bench/generate.ts';

/** What an annotation should hold, by the server's acknowledgements. */
interface Expected {
  labelId: string;
  note: string;
  ranges: TextRange[];
}

/**
 * Per annotation id: its acknowledged state (null: acknowledged as deleted),
 * and the states a write still unanswered when the server went away may have
 * left (that write may or may not have committed: both outcomes are correct).
 */
export interface LedgerEntry {
  documentId: string;
  acknowledged: Expected | null;
  inFlight: (Expected | null)[];
}

export type Ledger = Map<string, LedgerEntry>;

export interface LoadOptions {
  /** The server's base address (`http://127.0.0.1:PORT/`) and its secret. */
  base: string;
  token: string;
  annotators: number;
  writesPerSecond: number;
  durationMs: number;
  /** Documents to annotate, with their text lengths in UTF-16 units. */
  documents: readonly { id: string; length: number }[];
  labelIds: readonly string[];
  /** Deterministic choices. */
  seed: number;
  /** Abort each request after this long (a killed server never answers). */
  requestTimeoutMs?: number;
}

export interface LoadResult {
  /** Latency of every acknowledged write, in ms. */
  latencies: number[];
  /** Writes refused by the server ({ok: false}) or failed on the network. */
  refused: number;
  failed: number;
  acknowledged: number;
  ledger: Ledger;
  /** The first few error messages, for reports. */
  errors: string[];
}

type Outcome<T> = { kind: 'ok'; result: T } | { kind: 'refused'; message: string } | { kind: 'failed'; message: string };

/** One API call over HTTP with the bearer secret, classified: acknowledged, refused by the backend, or failed (no answer). */
export async function callApi<M extends Method>(base: string, token: string, method: M, args: Args<M>, timeoutMs = 10_000): Promise<Outcome<Result<M>>> {
  try {
    const res = await fetch(`${base}api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(args),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const envelope = (await res.json()) as { ok: true; result: Result<M> } | { ok: false; error: { message: string } };
    return envelope.ok ? { kind: 'ok', result: envelope.result } : { kind: 'refused', message: `${method}: ${envelope.error.message}` };
  } catch (err) {
    return { kind: 'failed', message: `${method}: ${(err as Error).message}` };
  }
}

/** Every annotation of these documents, read back through the API (to check a ledger against). */
export async function readAnnotations(base: string, token: string, documentIds: readonly string[]): Promise<Annotation[]> {
  const out: Annotation[] = [];
  for (const documentId of documentIds) {
    const r = await callApi(base, token, 'annotations.list', { documentId });
    if (r.kind !== 'ok') throw new Error(r.message);
    out.push(...r.result);
  }
  return out;
}

const expectedOf = (a: Annotation): Expected => ({ labelId: a.labelId, note: a.note, ranges: a.ranges.map((r) => ({ start: r.start, end: r.end })) });

/** One simulated annotator: `count` writes, one every `1000 / rate` ms on average (jittered), never more than one in flight. */
async function annotator(name: string, options: LoadOptions, rand: () => number, ledger: Ledger, result: LoadResult, until: number): Promise<void> {
  const mine: string[] = [];
  const interval = 1000 / options.writesPerSecond;
  let next = performance.now() + rand() * interval;
  const note = (message: string) => {
    if (result.errors.length < 10) result.errors.push(`${name}: ${message}`);
  };
  while (performance.now() < until) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    next += interval * (0.5 + rand());
    const roll = rand();
    const started = performance.now();
    if (mine.length < 3 || roll < 0.5) {
      const doc = options.documents[Math.floor(rand() * options.documents.length)]!;
      const start = Math.floor(rand() * Math.max(1, doc.length - 40));
      const range = { start, end: Math.min(doc.length, start + 1 + Math.floor(rand() * 30)) };
      const labelId = options.labelIds[Math.floor(rand() * options.labelIds.length)]!;
      // The id is chosen here, so that a create whose answer is lost can still be found (or not) afterwards.
      const id = crypto.randomUUID();
      const planned: Expected = { labelId, note: '', ranges: [range] };
      ledger.set(id, { documentId: doc.id, acknowledged: null, inFlight: [planned] });
      const out = await callApi(options.base, options.token, 'annotations.create', { id, documentId: doc.id, ranges: [range], labelId, attributes: {}, note: '', annotator: name }, options.requestTimeoutMs);
      const entry = ledger.get(id)!;
      if (out.kind === 'ok') {
        entry.acknowledged = expectedOf(out.result);
        entry.inFlight = [];
        mine.push(id);
        result.acknowledged++;
        result.latencies.push(performance.now() - started);
      } else if (out.kind === 'refused') {
        // Refused: nothing was written.
        entry.inFlight = [];
        result.refused++;
        note(out.message);
      } else {
        result.failed++;
        note(out.message);
      }
    } else if (roll < 0.8) {
      const id = mine[Math.floor(rand() * mine.length)]!;
      const entry = ledger.get(id)!;
      const change = { labelId: options.labelIds[Math.floor(rand() * options.labelIds.length)]!, note: `edited by ${name} at ${Math.round(started)}` };
      entry.inFlight.push({ ...entry.acknowledged!, ...change });
      const out = await callApi(options.base, options.token, 'annotations.update', { id, ...change }, options.requestTimeoutMs);
      if (out.kind === 'ok') {
        entry.acknowledged = expectedOf(out.result);
        entry.inFlight = [];
        result.acknowledged++;
        result.latencies.push(performance.now() - started);
      } else if (out.kind === 'refused') {
        entry.inFlight.pop();
        result.refused++;
        note(out.message);
      } else {
        result.failed++;
        note(out.message);
      }
    } else {
      const at = Math.floor(rand() * mine.length);
      const id = mine[at]!;
      const entry = ledger.get(id)!;
      entry.inFlight.push(null);
      const out = await callApi(options.base, options.token, 'annotations.delete', { id }, options.requestTimeoutMs);
      if (out.kind === 'ok') {
        entry.acknowledged = null;
        entry.inFlight = [];
        mine.splice(at, 1);
        result.acknowledged++;
        result.latencies.push(performance.now() - started);
      } else if (out.kind === 'refused') {
        entry.inFlight.pop();
        result.refused++;
        note(out.message);
      } else {
        result.failed++;
        note(out.message);
      }
    }
  }
}

/** Runs `options.annotators` simulated annotators at once for `durationMs`; resolves when all have stopped. */
export async function runAnnotatorLoad(options: LoadOptions): Promise<LoadResult> {
  const ledger: Ledger = new Map();
  const result: LoadResult = { latencies: [], refused: 0, failed: 0, acknowledged: 0, ledger, errors: [] };
  const until = performance.now() + options.durationMs;
  await Promise.all(Array.from({ length: options.annotators }, (_, i) => annotator(`annotator-${i + 1}`, options, mulberry32(options.seed + i * 7919), ledger, result, until)));
  return result;
}

export interface LedgerCheck {
  /** Acknowledged annotations (or acknowledged changes) missing from the project. */
  lost: string[];
  /** Annotations the project holds that were acknowledged as deleted. */
  resurrected: string[];
  /** Annotations checked. */
  checked: number;
}

const same = (a: Expected, b: Expected) =>
  a.labelId === b.labelId && a.note === b.note && a.ranges.length === b.ranges.length && a.ranges.every((r, i) => r.start === b.ranges[i]!.start && r.end === b.ranges[i]!.end);

/** Compares the project's annotations (read back through the API) with the ledger. */
export function checkLedger(ledger: Ledger, stored: readonly Annotation[]): LedgerCheck {
  const byId = new Map(stored.map((a) => [a.id, expectedOf(a)]));
  const check: LedgerCheck = { lost: [], resurrected: [], checked: 0 };
  for (const [id, entry] of ledger) {
    check.checked++;
    const now = byId.get(id) ?? null;
    const allowed = [entry.acknowledged, ...entry.inFlight];
    const ok = allowed.some((state) => (state === null ? now === null : now !== null && same(now, state)));
    if (ok) continue;
    // A create that was never acknowledged and is absent is fine (covered above: acknowledged null).
    if (now === null) check.lost.push(id);
    else if (entry.acknowledged === null && !entry.inFlight.some((s) => s !== null)) check.resurrected.push(id);
    else check.lost.push(id);
  }
  return check;
}
