// Live updates (`GET /api/events`) through the real server over HTTP, on a real
// project file: a write by one client reaches another's stream within a second,
// reads announce nothing, reconnecting with Last-Event-ID resyncs only when
// something was missed, the token is required, closed streams are forgotten, and
// commits by another process on the same file are noticed by the store worker.
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Annotation, type DocumentSummary, type Label } from '../../shared/index.ts';
import { METHOD_EFFECTS, isWriteMethod } from '../../shared/api/effects.ts';
import { Project } from '../../electron/backend/project.ts';
import { createWorkerDispatcher } from '../../electron/backend/worker/dispatcher.ts';
import { documentIdsOf } from '../../electron/server/change-scope.ts';
import { openEventStream, type EventStream, type SseEvent } from '../support/event-stream.ts';
import { httpRequest } from '../support/raw-http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { tempDir } from '../support/tmp.ts';

const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const isChange = (e: SseEvent) => e.event === 'change';

describe('which methods write', () => {
  it('classifies every method of the contract, and nothing else', () => {
    expect(Object.keys(METHOD_EFFECTS).sort()).toEqual(Object.keys(contract).sort());
    for (const [method, effect] of Object.entries(METHOD_EFFECTS)) expect(['read', 'write'], method).toContain(effect);
  });

  it('marks creates, updates and deletes as writes and lists as reads', () => {
    for (const method of Object.keys(contract)) {
      const verb = method.split('.')[1]!;
      if (/^(create|update|delete|restore|merge|link|unlink|set[A-Z]\w*|import\w*|accept|reject|unreject|curate|purge|rename|add\w+|remove\w+|saveEdited|propagate)$/.test(verb)) {
        expect(isWriteMethod(method), method).toBe(!['jobs.startImport'].includes(method));
      }
      if (/^(list|get|search|info|status|diff|candidates|statuses|agreement|disagreements|overview|export\w*|run|mentions|forAnnotation|listByDocument|linksByDocument|state)$/.test(verb)) {
        expect(isWriteMethod(method), method).toBe(false);
      }
    }
    expect(isWriteMethod('no.such')).toBe(false);
    expect(isWriteMethod('__proto__')).toBe(false);
  });

  it('finds the documents a write touched, never its content', () => {
    expect(documentIdsOf('annotations.create', { documentId: 'd1', ranges: [{ start: 0, end: 1 }] }, { id: 'a', documentId: 'd1', quote: 'secret' })).toEqual(['d1']);
    expect(documentIdsOf('documents.delete', { id: 'd2' }, { deleted: 'd2', trashId: 't' })).toEqual(['d2']);
    expect(documentIdsOf('documents.import', { files: [] }, [{ id: 'd3' }, { id: 'd4' }])).toEqual(['d3', 'd4']);
    expect(documentIdsOf('snapshots.deleteAnnotations', { annotationIds: ['a'] }, [{ annotation: { documentId: 'd5' } }])).toEqual(['d5']);
    expect(documentIdsOf('labels.update', { id: 'l' }, { id: 'l', name: 'x' })).toBeNull();
    expect(documentIdsOf('workspace.open', { path: '/x', documentId: 'd' }, {})).toBeNull();
  });
});

describe('GET /api/events', () => {
  let t: TestServer;
  let doc: DocumentSummary;
  let label: Label;
  const streams: EventStream[] = [];
  const open = async (headers: Record<string, string> = t.auth, query = '') => {
    const s = await openEventStream(t.port, headers, query);
    streams.push(s);
    return s;
  };
  const call = async <T>(method: string, args: unknown, origin?: string): Promise<T> => {
    const res = await httpRequest(t.port, 'POST', `/api/${method}`, {
      headers: { 'content-type': 'application/json', ...t.auth, ...(origin ? { 'x-gloss-origin': origin } : {}) },
      body: JSON.stringify(args),
    });
    const env = JSON.parse(res.body) as { ok: boolean; result: T; error?: unknown };
    if (!env.ok) throw new Error(`${method}: ${JSON.stringify(env.error)}`);
    return env.result;
  };

  beforeAll(async () => {
    t = await startTestServer({ events: { maxStreams: 4, heartbeatMs: 200 } });
    doc = (await call<DocumentSummary[]>('documents.import', { files: [{ name: 'one.txt', base64: base64('Lithium prices fell sharply in May.') }] }))[0]!;
    label = (await call<Label[]>('labels.list', {}))[0]!;
  });
  afterEach(() => {
    for (const s of streams.splice(0)) s.close();
  });
  afterAll(() => t.close());

  it('refuses a client without the token (401) and other methods (405)', async () => {
    const none = await open({});
    expect(none.status).toBe(401);
    const wrong = await open({ authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const evil = await open({ ...t.auth, origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    const post = await httpRequest(t.port, 'POST', '/api/events', { headers: { ...t.auth, 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
  });

  it("sends one client's write to another within a second, with its origin and document, and no content", async () => {
    const b = await open();
    expect(b.status).toBe(200);
    expect(b.headers['content-type']).toMatch(/^text\/event-stream/);
    const hello = await b.next((e) => e.event === 'hello');
    const before = (hello.data as { revision: number }).revision;

    const sent = performance.now();
    const created = await call<Annotation>('annotations.create', { documentId: doc.id, ranges: [{ start: 0, end: 7 }], labelId: label.id }, 'tab-A');
    const e = await b.next(isChange, 1000);
    const latency = e.at - sent;
    expect(latency).toBeLessThan(1000);
    expect(e.data).toEqual({ revision: before + 1, method: 'annotations.create', documentIds: [doc.id], origin: 'tab-A' });
    expect(e.id).toMatch(new RegExp(`\\.${before + 1}$`));
    expect(JSON.stringify(e.data)).not.toContain('Lithium');
    console.log(`live-update latency (write answered + event received): ${latency.toFixed(1)} ms`);

    // An update names the document too, though its arguments do not (the result does).
    await call('annotations.update', { id: created.id, note: 'checked' });
    const upd = await b.next((x) => isChange(x) && (x.data as { method: string }).method === 'annotations.update');
    expect((upd.data as { documentIds: string[]; origin: null }).documentIds).toEqual([doc.id]);
    expect((upd.data as { origin: null }).origin).toBeNull();
  });

  it('announces an import job once its finished status has been read, naming the documents it stored', async () => {
    const b = await open();
    await b.next((e) => e.event === 'hello');
    const { jobId } = await call<{ jobId: string }>('jobs.startImport', { files: [{ name: 'two.txt', base64: base64('Cobalt output rose.') }] }, 'tab-J');
    let status: { state: string; result?: DocumentSummary[] };
    do status = await call('jobs.status', { jobId }, 'tab-J');
    while (status.state === 'running');
    expect(status.state).toBe('done');
    const e = await b.next(isChange);
    expect(e.data).toMatchObject({ method: 'jobs.startImport', documentIds: [status.result![0]!.id], origin: 'tab-J' });
    // Starting it announced nothing (nothing was stored yet): this is the stream's only change.
    expect(b.events.filter(isChange)).toHaveLength(1);
  });

  it('announces nothing for reads, failed writes or a malformed origin id', async () => {
    const b = await open();
    await b.next((e) => e.event === 'hello');
    await call('annotations.list', { documentId: doc.id });
    await call('documents.list', {});
    await call('team.statuses', {});
    await expect(call('annotations.create', { documentId: 'no-such-doc', ranges: [{ start: 0, end: 1 }], labelId: label.id })).rejects.toThrow();
    // A write after them: the first change the stream sees is this one.
    await call('labels.update', { id: label.id, name: label.name }, 'bad origin!');
    const e = await b.next(isChange);
    expect(e.data).toMatchObject({ method: 'labels.update', documentIds: null, origin: null });
    expect(b.events.filter(isChange)).toHaveLength(1);
  });

  it('resyncs a client that reconnects after missing events, and only then', async () => {
    const a = await open();
    const hello = await a.next((e) => e.event === 'hello');
    a.close();
    // Back at once, nothing missed: hello again.
    const again = await open({ ...t.auth, 'last-event-id': hello.id! });
    expect((await again.next((e) => e.event !== 'message')).event).toBe('hello');
    again.close();
    await call('labels.update', { id: label.id, name: label.name });
    const late = await open({ ...t.auth, 'last-event-id': hello.id! });
    const first = await late.next(() => true);
    expect(first.event).toBe('resync');
    expect((first.data as { revision: number }).revision).toBeGreaterThan(Number(hello.id!.split('.')[1]));
    // The query parameter does the same for a client that opens a new EventSource.
    const viaQuery = await open(t.auth, `?last=${encodeURIComponent(hello.id!)}`);
    expect((await viaQuery.next(() => true)).event).toBe('resync');
    // An id from an earlier start of the server, or garbage, resyncs too.
    const [, rev] = first.id!.split('.');
    const old = await open({ ...t.auth, 'last-event-id': `earlierStart.${rev}` });
    expect((await old.next(() => true)).event).toBe('resync');
    const current = await open({ ...t.auth, 'last-event-id': first.id! });
    expect((await current.next(() => true)).event).toBe('hello');
  });

  it('sends heartbeats, forgets closed streams and caps how many are open', async () => {
    const a = await open();
    await a.next((e) => e.event === 'hello');
    await expect.poll(() => a.comments, { timeout: 2000 }).toBeGreaterThan(0);
    expect(t.server.events.streams).toBe(1);
    const more = await Promise.all([open(), open(), open()]);
    expect(more.map((s) => s.status)).toEqual([200, 200, 200]);
    const over = await open();
    expect(over.status).toBe(503);
    expect(over.headers['retry-after']).toBeDefined();
    for (const s of [a, ...more]) s.close();
    await expect.poll(() => t.server.events.streams, { timeout: 2000 }).toBe(0);
    // Many opened and dropped leave nothing behind either, and writes after them still work.
    for (let i = 0; i < 20; i++) (await open()).close();
    await expect.poll(() => t.server.events.streams, { timeout: 2000 }).toBe(0);
    await call('labels.update', { id: label.id, name: label.name });
    const b = await open();
    expect(b.status).toBe(200);
  });

  it('cuts off a client that reads nothing, instead of holding every event for it', async () => {
    const own = await startTestServer({ events: { maxBufferedBytes: 64 * 1024 } });
    const socket = net.connect(own.port, '127.0.0.1');
    try {
      socket.on('error', () => {});
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${own.port}\r\nAuthorization: ${own.auth.authorization}\r\n\r\n`);
      await expect.poll(() => own.server.events.streams).toBe(1);
      socket.pause();
      const ids = Array.from({ length: 200 }, (_, i) => `document-${i}-${'x'.repeat(30)}`);
      for (let i = 0; i < 2000 && own.server.events.streams > 0; i++) {
        own.server.events.publish({ method: 'annotations.create', documentIds: ids, origin: null });
        if (i % 50 === 0) await new Promise((r) => setImmediate(r));
      }
      expect(own.server.events.streams).toBe(0);
    } finally {
      socket.destroy();
      await own.close();
    }
  });

  it("outlives the server's request timeouts (a stream is not a slow request)", async () => {
    const own = await startTestServer({ headersTimeoutMs: 300, requestTimeoutMs: 600, events: { heartbeatMs: 10_000 } });
    try {
      const s = await openEventStream(own.port, own.auth);
      await s.next((e) => e.event === 'hello');
      await new Promise((r) => setTimeout(r, 1500));
      own.server.events.publish({ method: null, documentIds: null, origin: null });
      expect((await s.next(isChange)).data).toMatchObject({ revision: 1, method: null });
      s.close();
    } finally {
      await own.close();
    }
  });

  it('ends the streams when the server closes', async () => {
    const own = await startTestServer();
    const s = await openEventStream(own.port, own.auth);
    await s.next((e) => e.event === 'hello');
    const started = Date.now();
    await own.close();
    // Well before the forced cut after 3 s.
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('writes by another process', () => {
  it('are noticed by the store worker within a second', async () => {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, 'shared.gloss');
    (await Project.open(file)).close();
    const noticed: number[] = [];
    const store = await createWorkerDispatcher(file, { onExternalWrite: () => noticed.push(performance.now()) });
    try {
      // The worker's own writes are not reported (the server announces them with their method).
      await store.dispatch('documents.import', { files: [{ name: 'own.txt', base64: base64('Own write.') }] });
      await new Promise((r) => setTimeout(r, 1200));
      expect(noticed).toEqual([]);
      const other = await Project.open(file);
      const labels = other.labels.list();
      const sent = performance.now();
      other.transaction(() => other.labels.update(labels[0]!.id, { name: 'Renamed elsewhere' }));
      other.close();
      await expect.poll(() => noticed.length, { timeout: 1500, interval: 20 }).toBe(1);
      expect(noticed[0]! - sent).toBeLessThan(1000);
    } finally {
      await store.close();
      cleanup();
    }
  });
});
