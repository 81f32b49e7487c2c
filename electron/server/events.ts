import crypto from 'node:crypto';
import type http from 'node:http';

/**
 * Live updates for the clients of one server: `GET /api/events` is a stream of
 * server-sent events, and every successful write through the server, or by
 * another process on the same project file, is announced on it as
 *
 *     id: <start>.<revision>
 *     event: change
 *     data: {"revision":7,"method":"annotations.create","documentIds":["…"],"origin":"tab-…"}
 *
 * An event names what changed, never the content: clients re-read through the
 * API with their own rights. `documentIds` is null when the change is not tied
 * to documents or could touch any (a label, a project switch, a write by another
 * process, whose `method` and `origin` are then null too). Every client gets
 * every event, its own writes included (with the `origin` it sent in the
 * `X-Gloss-Origin` header), so its revision has no gaps; a tab ignores its own.
 *
 * On connecting, a client gets `hello` with the current revision. A client that
 * reconnects with `Last-Event-ID` (the browser sends it) or `?last=` and has
 * missed events, or comes from an earlier start of the server, gets `resync`
 * instead: it should reload what it shows. Comment lines keep idle streams from
 * being cut by proxies; streams that close are forgotten at once.
 */

/** A change as clients receive it. */
/** Who listens on a team server's stream. */
export interface StreamViewer {
  name: string;
  role: string;
}

/** Who made a change, and whether it was in their layer (annotations, links, relations, stances, status) rather than shared records. */
export interface ChangeWriter {
  actor: string | null;
  layered: boolean;
}

export interface ChangeEvent {
  revision: number;
  /** The API method, or null for a write by another process. */
  method: string | null;
  /** The documents touched, or null for "maybe any". */
  documentIds: string[] | null;
  /** The `X-Gloss-Origin` of the call that made it, or null. */
  origin: string | null;
}

export interface EventHubOptions {
  /** Streams open at once; more are answered 503 (each holds a socket). */
  maxStreams?: number;
  /** Between heartbeat comments. */
  heartbeatMs?: number;
  /** Bytes a stream may have waiting to be sent before the client is judged stuck and cut off. */
  maxBufferedBytes?: number;
}

export const EVENT_DEFAULTS = { maxStreams: 64, heartbeatMs: 15_000, maxBufferedBytes: 1024 * 1024 };

/** What a client may send as its origin id: short and plain, as it is echoed back to every client. */
const ORIGIN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The header's origin id if it is well formed, else null. */
export function originOf(req: http.IncomingMessage): string | null {
  const value = req.headers['x-gloss-origin'];
  return typeof value === 'string' && ORIGIN_ID.test(value) ? value : null;
}

export class EventHub {
  /** Distinguishes this start from earlier ones, so a client's revision from before a restart is not taken as current. */
  readonly start = crypto.randomBytes(6).toString('base64url');
  #revision = 0;
  readonly #streams = new Set<http.ServerResponse>();
  /** Who listens on each stream of a team server (none on a local server: its one user sees everything). */
  readonly #viewers = new WeakMap<http.ServerResponse, StreamViewer>();
  readonly #options: Required<EventHubOptions>;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(options: EventHubOptions = {}) {
    this.#options = { ...EVENT_DEFAULTS, ...options };
  }

  get revision(): number {
    return this.#revision;
  }

  /** Streams open now (0 when every client has gone: a leak would show here). */
  get streams(): number {
    return this.#streams.size;
  }

  /** Answers `GET /api/events` (the caller has checked Host, Origin and the token). */
  serve(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams, viewer?: StreamViewer): void {
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('use GET for the event stream');
      return;
    }
    if (this.#streams.size >= this.#options.maxStreams) {
      res.writeHead(503, { 'Retry-After': '5', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`too many event streams open (${this.#options.maxStreams}); close other Gloss tabs`);
      return;
    }
    // A stream lives as long as the tab: no socket timeout, and small writes go out at once.
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Reverse proxies (nginx) would otherwise hold events back in their buffers.
      'X-Accel-Buffering': 'no',
    });
    this.#streams.add(res);
    if (viewer) this.#viewers.set(res, viewer);
    res.once('close', () => this.#forget(res));
    res.on('error', () => this.#forget(res));
    const last = (req.headers['last-event-id'] as string | undefined) ?? query.get('last') ?? undefined;
    // A second before the browser reconnects after a drop (its default is longer and unspecified).
    let first = 'retry: 1000\n\n';
    first += last !== undefined && this.#missed(last) ? this.#frame('resync', { revision: this.#revision }) : this.#frame('hello', { revision: this.#revision });
    this.#write(res, first);
    this.#heartbeat ??= setInterval(() => this.#broadcastRaw(': heartbeat\n\n'), this.#options.heartbeatMs).unref();
  }

  /**
   * Announces a change to every stream that may know of it; returns its
   * revision. An annotator is blind to the others' layers, so a write to
   * someone else's layer is not announced on an annotator's stream: not even
   * which document it touched.
   */
  publish(change: Omit<ChangeEvent, 'revision'>, writer?: ChangeWriter): number {
    const revision = ++this.#revision;
    if (!this.#streams.size) return revision;
    const frame = this.#frame('change', { revision, ...change });
    for (const res of this.#streams) {
      const viewer = this.#viewers.get(res);
      if (viewer?.role === 'annotator' && writer?.layered && writer.actor !== viewer.name) continue;
      this.#write(res, frame);
    }
    return revision;
  }

  /** Ends every stream (the server is stopping). */
  close(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    for (const res of this.#streams) res.end();
    this.#streams.clear();
  }

  /** Whether a client whose last event was `lastId` has missed any since (or it is not from this start). */
  #missed(lastId: string): boolean {
    const m = /^([A-Za-z0-9_-]+)\.(\d{1,15})$/.exec(lastId.trim());
    return !m || m[1] !== this.start || Number(m[2]) !== this.#revision;
  }

  #frame(event: string, data: object): string {
    return `id: ${this.start}.${this.#revision}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  }

  #broadcastRaw(text: string): void {
    for (const res of this.#streams) this.#write(res, text);
  }

  #write(res: http.ServerResponse, text: string): void {
    if (res.destroyed || res.writableEnded) return this.#forget(res);
    // A client that reads nothing would make the server hold every event for it: cut it off; its EventSource reconnects and resyncs.
    if (res.writableLength > this.#options.maxBufferedBytes) {
      res.destroy();
      return this.#forget(res);
    }
    res.write(text);
  }

  #forget(res: http.ServerResponse): void {
    this.#streams.delete(res);
    if (this.#streams.size === 0 && this.#heartbeat) {
      clearInterval(this.#heartbeat);
      this.#heartbeat = undefined;
    }
  }
}
