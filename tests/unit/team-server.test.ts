// A team server over HTTP on a real project file, its store in its worker as
// `gloss serve --team` runs it: sign-in links become session cookies, every
// call is made as its account (interleaved calls of several users each write
// under their own name), annotators see only their own layer, and every
// method above an annotator's role answers 403 with nothing changed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type ProjectSession } from '../../electron/backend/session/session.ts';
import { startServer, type RunningServer } from '../../electron/server/server.ts';
import { contract, METHOD_ROLES, type Annotation, type Method } from '../../shared/index.ts';
import { openEventStream } from '../support/event-stream.ts';
import { httpRequest, type HttpAnswer } from '../support/raw-http.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
let file: string;
let session: ProjectSession;
let server: RunningServer;
let port: number;
const cookies: Record<string, string> = {};
let docId: string;
let labelId: string;

const TEXT = 'Ana says lithium 🇵🇰 is scarce; Ben says it is not. مرحبا\n';

function raw(method: string, args: unknown, cookie?: string, extra: Record<string, string> = {}): Promise<HttpAnswer> {
  return httpRequest(port, 'POST', `/api/${method}`, {
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...extra },
    body: JSON.stringify(args),
  });
}

async function as<T>(who: string | undefined, method: string, args: unknown): Promise<T> {
  const res = await (who ? raw(method, args, cookies[who]) : session.dispatch(method, args).then((e) => ({ status: 200, body: JSON.stringify(e), headers: {} })));
  const envelope = JSON.parse(res.body) as { ok: boolean; result: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method} as ${who}: ${res.status} ${envelope.error?.message}`);
  return envelope.result;
}

/** Every row of every table, hashed: equal before and after means nothing changed. */
function fingerprint(): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name").pluck().all() as string[];
    const h = crypto.createHash('sha256');
    for (const t of tables) h.update(t).update(JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all()));
    return h.digest('hex');
  } finally {
    db.close();
  }
}

/** Signs an account in through its one-time link, as a browser would, and keeps its cookie. */
async function signInAs(name: string, role: 'annotator' | 'curator' | 'admin'): Promise<void> {
  const link = await as<{ token: string }>(undefined, 'users.add', { name, role });
  // Opening the link shows a page that posts the token back; fetching it (a link preview) uses nothing up.
  for (const method of ['GET', 'HEAD', 'GET']) {
    const page = await httpRequest(port, method, `/signin?token=${link.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    if (method === 'GET') expect(page.body).toContain(`<form method="post" action="/signin">`);
  }
  const res = await postToken(link.token);
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/');
  const set = res.headers['set-cookie']?.[0] ?? '';
  expect(set).toMatch(new RegExp(`^gloss-session-${port}=`));
  expect(set).toMatch(/; HttpOnly/);
  expect(set).toMatch(/; SameSite=Strict/);
  expect(set).not.toContain(link.token);
  cookies[name] = set.split(';')[0]!;
  // The link works once.
  expect((await postToken(link.token)).status).toBe(401);
}

/** The sign-in page's form, submitted. */
function postToken(token: string): Promise<HttpAnswer> {
  return httpRequest(port, 'POST', '/signin', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${port}` },
    body: new URLSearchParams({ token }).toString(),
  });
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('gloss-teamserver-'));
  file = path.join(dir, 'team.gloss');
  const staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Gloss</title>');
  session = await openSession(file, { recentFile: path.join(dir, 'recent.json'), worker: { openOptions: { synchronous: 'NORMAL' } } });
  server = await startServer({ dispatch: session.dispatch, staticDir, port: 0, team: true, log: () => {} });
  port = Number(new URL(server.url).port);
  const [doc] = await as<{ id: string }[]>(undefined, 'documents.import', { files: [{ name: 'lithium.txt', base64: Buffer.from(TEXT).toString('base64') }] });
  docId = doc!.id;
  labelId = (await as<{ id: string; name: string }[]>(undefined, 'labels.list', {})).find((l) => l.name === 'Person')!.id;
  await signInAs('ana', 'annotator');
  await signInAs('ben', 'annotator');
  await signInAs('cleo', 'curator');
  await signInAs('dee', 'admin');
}, 60_000);

afterAll(async () => {
  await server?.close();
  await session?.close();
  cleanup?.();
});

describe('signing in', () => {
  it('answers 401 to the app and the API without a session, and to a made-up one', async () => {
    expect((await httpRequest(port, 'GET', '/')).status).toBe(401);
    expect((await httpRequest(port, 'GET', '/', { headers: { cookie: cookies.ana! } })).status).toBe(200);
    for (const cookie of [undefined, `gloss-session-${port}=${crypto.randomBytes(32).toString('base64url')}`, `gloss-session-${port + 1}=${cookies.ana!.split('=')[1]}`]) {
      const res = await raw('documents.list', {}, cookie);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    }
    // Neither does the start secret open a team server, nor does it print a token URL.
    expect((await httpRequest(port, 'GET', `/?token=${server.token}`)).status).toBe(401);
    expect(server.openUrl).toBe(server.url);
  });

  it('refuses a bad or missing sign-in token', async () => {
    expect((await httpRequest(port, 'GET', '/signin')).status).toBe(400);
    expect((await httpRequest(port, 'GET', '/signin?token=%3Cscript%3E')).status).toBe(400);
    expect((await postToken('A'.repeat(43))).status).toBe(401);
    expect((await postToken('')).status).toBe(401);
    // Another site's form cannot sign a browser in (the Origin check).
    const foreign = await httpRequest(port, 'POST', '/signin', { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: 'token=x' });
    expect(foreign.status).toBe(403);
  });

  it('tells the app who is signed in', async () => {
    expect(await as(`ana`, 'auth.me', {})).toEqual({ team: true, name: 'ana', role: 'annotator' });
    expect(await as(`cleo`, 'auth.me', {})).toEqual({ team: true, name: 'cleo', role: 'curator' });
  });
});

describe('each call is made as its account', () => {
  it('records interleaved writes of several users under each caller, through the worker', async () => {
    const who = ['ana', 'ben', 'cleo'];
    const calls = Array.from({ length: 30 }, (_, i) => {
      const name = who[i % 3]!;
      return as<Annotation>(name, 'annotations.create', { documentId: docId, labelId, ranges: [{ start: i % 14, end: (i % 14) + 3 }] }).then((a) => ({ name, a }));
    });
    const made = await Promise.all(calls);
    for (const { name, a } of made) expect(a.annotator).toBe(name);
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT id, annotator FROM annotations').all() as { id: string; annotator: string }[];
      const byId = new Map(rows.map((r) => [r.id, r.annotator]));
      for (const { name, a } of made) expect(byId.get(a.id)).toBe(name);
    } finally {
      db.close();
    }
    // A status, too, is the caller's.
    await as('ben', 'team.setStatus', { documentId: docId, status: 'in_progress' });
    expect(await as('cleo', 'team.statuses', {})).toEqual([{ documentId: docId, annotator: 'ben', status: 'in_progress' }]);
  });
});

describe("undo over HTTP is each account's own", () => {
  it('journals a call named by X-Gloss-Step, undoes it for its maker only, and 403s anyone else', async () => {
    const step = crypto.randomUUID();
    const made = JSON.parse((await raw('annotations.create', { documentId: docId, labelId, ranges: [{ start: 0, end: 3 }] }, cookies.ana, { 'x-gloss-step': step, 'x-gloss-origin': 'tab-anaundo1' })).body) as { result: Annotation };
    const steps = await as<{ steps: { id: string; client: string; via: string }[] }>('ana', 'history.steps', {});
    expect(steps.steps.find((s) => s.id === step)).toMatchObject({ client: 'tab-anaundo1', via: 'annotations.create' });
    // Ben sees none of Ana's steps and cannot undo hers.
    expect((await as<{ steps: unknown[] }>('ben', 'history.steps', {})).steps).toEqual([]);
    const before = fingerprint();
    const refused = await raw('history.undo', { steps: [step] }, cookies.ben);
    expect(refused.status).toBe(403);
    expect(fingerprint()).toBe(before);
    // A malformed step id is refused, and nothing is stored.
    const bad = await raw('annotations.create', { documentId: docId, labelId, ranges: [{ start: 0, end: 3 }] }, cookies.ana, { 'x-gloss-step': 'no spaces allowed' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(fingerprint()).toBe(before);
    await as('ana', 'history.undo', { steps: [step] });
    const mine = await as<Annotation[]>('ana', 'annotations.list', { documentId: docId });
    expect(mine.map((a) => a.id)).not.toContain(made.result.id);
  });
});

describe('annotators work blind', () => {
  it('shows an annotator only their own layer, a curator every layer', async () => {
    const anas = await as<Annotation[]>('ana', 'annotations.list', { documentId: docId });
    expect(anas.length).toBe(10);
    expect(new Set(anas.map((a) => a.annotator))).toEqual(new Set(['ana']));
    const all = await as<Annotation[]>('cleo', 'annotations.list', { documentId: docId });
    expect(new Set(all.map((a) => a.annotator))).toEqual(new Set(['ana', 'ben', 'cleo']));
    const info = await as<{ annotator: string; annotators: { name: string }[] }>('ana', 'team.info', {});
    expect(info.annotator).toBe('ana');
    expect(info.annotators.map((a) => a.name)).toEqual(['ana']);
    expect(await as('ana', 'team.statuses', {})).toEqual([]);
    // The library's counts are of the caller's layer too.
    expect((await as<{ annotationCount: number }[]>('ana', 'documents.list', {}))[0]!.annotationCount).toBe(10);
    expect((await as<{ annotationCount: number }>('ana', 'documents.get', { id: docId })).annotationCount).toBe(10);
    expect((await as<{ annotationCount: number }[]>('cleo', 'documents.list', {}))[0]!.annotationCount).toBe(30);
  });

  it('keeps claim links, relations, document stances, entity links and annotation search to the caller\'s layer', async () => {
    const labels = await as<{ id: string; name: string }[]>('cleo', 'labels.list', {});
    const claimLabel = labels.find((l) => l.name === 'Claim')!.id;
    const types = await as<{ id: string; name: string }[]>('cleo', 'relationTypes.list', {});
    const says = types.find((t) => t.name === 'Says')!.id;
    const start = TEXT.indexOf('lithium');
    const made: Record<string, { claim: string; person: string }> = {};
    for (const who of ['ana', 'ben']) {
      const claim = await as<Annotation>(who, 'annotations.create', { documentId: docId, labelId: claimLabel, ranges: [{ start, end: start + 7 }] });
      const person = await as<Annotation>(who, 'annotations.create', { documentId: docId, labelId, ranges: [{ start: 0, end: 3 }] });
      await as(who, 'claims.link', { annotationId: claim.id, propositionText: 'Lithium is scarce', stance: who === 'ana' ? 'favor' : 'against' });
      await as(who, 'relations.create', { typeId: says, fromAnnotationId: person.id, toAnnotationId: claim.id });
      const entity = await as<{ id: string }>(who, 'entities.create', { name: `Ana (${who})`, annotationId: person.id });
      expect(entity.id).toBeTruthy();
      made[who] = { claim: claim.id, person: person.id };
    }
    const claimsOf = async (who: string) => (await as<{ annotator?: string }[]>(who, 'claims.listByDocument', { documentId: docId })).map((c) => c.annotator);
    expect(await claimsOf('ana')).toEqual(['ana']);
    expect((await claimsOf('cleo')).sort()).toEqual(['ana', 'ben']);
    const relationsOf = async (who: string) => (await as<{ annotator?: string }[]>(who, 'relations.listByDocument', { documentId: docId })).map((r) => r.annotator);
    expect(await relationsOf('ben')).toEqual(['ben']);
    expect((await relationsOf('cleo')).sort()).toEqual(['ana', 'ben']);
    const links = await as<{ links: { annotationId: string }[]; entities: { name: string }[] }>('ana', 'entities.linksByDocument', { documentId: docId });
    expect(links.links.map((l) => l.annotationId)).toEqual([made.ana!.person]);
    expect(links.entities.map((e) => e.name)).toEqual(['Ana (ana)']);
    const hits = await as<{ hits: { annotation: { id: string } }[] }>('ben', 'search.annotations', { query: 'lithium' });
    expect(hits.hits.map((h) => h.annotation.id)).toEqual([made.ben!.claim]);
    // Shared registries, with counts of the caller's layer only.
    const props = await as<{ proposition: { text: string }; claimCount: number; stanceCounts: Record<string, number> }[]>('ana', 'propositions.list', {});
    expect(props.map((x) => [x.proposition.text, x.claimCount, x.stanceCounts.favor, x.stanceCounts.against ?? 0])).toEqual([['Lithium is scarce', 1, 1, 0]]);
    expect((await as<{ claimCount: number }[]>('cleo', 'propositions.list', {}))[0]!.claimCount).toBe(2);
    const entities = await as<{ entity: { name: string }; mentionCount: number }[]>('ben', 'entities.list', { documentId: docId });
    expect(entities.map((e) => [e.entity.name, e.mentionCount])).toEqual([['Ana (ben)', 1]]);
    expect((await as<unknown[]>('cleo', 'entities.list', { documentId: docId })).length).toBe(2);
    // An annotator cannot link, relate or unlink on another's annotations.
    const before = fingerprint();
    expect((await raw('claims.link', { annotationId: made.ben!.claim, propositionText: 'Lithium is scarce' }, cookies.ana)).status).toBe(403);
    expect((await raw('relations.create', { typeId: says, fromAnnotationId: made.ana!.person, toAnnotationId: made.ben!.claim }, cookies.ana)).status).toBe(403);
    expect((await raw('entities.link', { links: [{ annotationId: made.ben!.person, entityId: null }] }, cookies.ana)).status).toBe(403);
    expect(fingerprint()).toBe(before);
    // Document stances: one per document and proposition; the annotator who set it keeps it.
    await as('ana', 'stances.setDocument', { documentId: docId, propositionText: 'Lithium is scarce', stance: 'favor' });
    expect((await as<{ annotator?: string }[]>('ana', 'stances.listByDocument', { documentId: docId })).map((x) => x.annotator)).toEqual(['ana']);
    expect(await as('ben', 'stances.listByDocument', { documentId: docId })).toEqual([]);
    const stanceBefore = fingerprint();
    expect((await raw('stances.setDocument', { documentId: docId, propositionText: 'Lithium is scarce', stance: 'against' }, cookies.ben)).status).toBe(403);
    expect(fingerprint()).toBe(stanceBefore);
    // Clean up for the counts the other tests check.
    for (const who of ['ana', 'ben']) await as(who, 'snapshots.deleteAnnotations', { annotationIds: [made[who]!.claim, made[who]!.person] });
  });

  it("keeps offering an annotator suggestions that another annotator's layer covers", async () => {
    const at = TEXT.indexOf('Ben');
    const overBen = (list: { start: number; end: number }[]) => list.filter((s) => s.start <= at && s.end >= at + 3).length;
    expect(overBen(await as('ana', 'suggestions.list', { documentId: docId }))).toBeGreaterThan(0);
    const personOfBen = await as<{ id: string }>('ben', 'annotations.create', { documentId: docId, labelId, ranges: [{ start: at, end: at + 3 }] });
    const forCurator = await as<{ start: number; end: number; labelId: string }[]>('cleo', 'suggestions.list', { documentId: docId });
    expect(forCurator.filter((s) => s.labelId === labelId && s.start <= at && s.end >= at + 3)).toEqual([]);
    const forAna = await as<{ id: string; start: number; end: number; labelId: string }[]>('ana', 'suggestions.list', { documentId: docId });
    const offered = forAna.find((s) => s.labelId === labelId && s.start <= at && s.end >= at + 3);
    expect(offered).toBeDefined();
    // Accepting it by id works for her, and records it in her layer.
    const accepted = await as<Annotation>('ana', 'suggestions.accept', { documentId: docId, suggestionId: offered!.id });
    expect(accepted.annotator).toBe('ana');
    await as('ana', 'annotations.delete', { id: accepted.id });
    await as('ben', 'annotations.delete', { id: personOfBen.id });
  });

  it("refuses an annotator's change to another's annotation with 403, changing nothing", async () => {
    const bens = await as<Annotation[]>('ben', 'annotations.list', { documentId: docId });
    const before = fingerprint();
    for (const [method, args] of [
      ['annotations.update', { id: bens[0]!.id, note: 'not mine' }],
      ['annotations.delete', { id: bens[0]!.id }],
      ['snapshots.deleteAnnotations', { annotationIds: [bens[1]!.id] }],
      ['annotations.create', { documentId: docId, labelId, ranges: [{ start: 0, end: 3 }], annotator: 'ben' }],
      ['team.setStatus', { documentId: docId, status: 'done', annotator: 'ben' }],
    ] as const) {
      const res = await raw(method, args, cookies.ana);
      expect(res.status, method).toBe(403);
      expect(JSON.parse(res.body), method).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(fingerprint()).toBe(before);
  });

  it('lists an annotator the documents assigned to them (all when none)', async () => {
    const [other] = await as<{ id: string }[]>(undefined, 'documents.import', { files: [{ name: 'other.txt', base64: Buffer.from('Another text.\n').toString('base64') }] });
    expect((await as<unknown[]>('ben', 'documents.list', {})).length).toBe(2);
    await as('cleo', 'team.assign', { documentIds: [other!.id], to: 'ben' });
    expect((await as<{ id: string }[]>('ben', 'documents.list', {})).map((d) => d.id)).toEqual([other!.id]);
    expect((await as<unknown[]>('ana', 'documents.list', {})).length).toBe(2);
    expect(await as('ana', 'team.assignments', {})).toEqual([]);
    expect(await as('cleo', 'team.assignments', {})).toEqual([{ documentId: other!.id, user: 'ben' }]);
  });
});

describe('roles', () => {
  it('answers 403 with nothing changed to every method above an annotator, tried by an annotator', async () => {
    const above = (Object.keys(contract) as Method[]).filter((m) => METHOD_ROLES[m] !== 'annotator');
    expect(above.length).toBeGreaterThan(40);
    const anas = await as<Annotation[]>('ana', 'annotations.list', { documentId: docId });
    // Plausible arguments where it matters, so a refusal is not a validation error in disguise.
    const args: Partial<Record<Method, unknown>> = {
      'documents.delete': { id: docId },
      'documents.update': { id: docId, title: 'Renamed' },
      'documents.import': { files: [{ name: 'x.txt', base64: Buffer.from('x\n').toString('base64') }] },
      'labels.create': { name: 'Hacked', kind: 'entity' },
      'labels.delete': { id: labelId },
      'team.curate': { annotationIds: [anas[0]!.id] },
      'team.assign': { documentIds: [docId], to: 'ana' },
      'team.agreement': {},
      'team.disagreements': { a: 'ana', b: 'ben' },
      'users.add': { name: 'mallory', role: 'admin' },
      'users.role': { name: 'ana', role: 'admin' },
      'users.list': {},
      'auth.signIn': { token: 'x' },
      'workspace.create': { path: path.join(dir, 'other.gloss') },
      'team.setAnnotator': { name: 'ben' },
      'compare.run': {},
    };
    const before = fingerprint();
    for (const method of above) {
      const res = await raw(method, args[method] ?? {}, cookies.ana);
      expect(res.status, method).toBe(403);
      expect(JSON.parse(res.body), method).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringContaining(method) } });
    }
    expect(fingerprint()).toBe(before);
  }, 60_000);

  it('gives curators agreement and curation but not accounts; admins accounts', async () => {
    const report = await as<{ annotators: string[] }>('cleo', 'team.agreement', {});
    expect(report.annotators).toEqual(['ana', 'ben', 'cleo']);
    expect((await raw('users.list', {}, cookies.cleo)).status).toBe(403);
    const users = await as<{ name: string; role: string }[]>('dee', 'users.list', {});
    expect(users.map((u) => `${u.name}:${u.role}`)).toEqual(['ana:annotator', 'ben:annotator', 'cleo:curator', 'dee:admin']);
    // A role change applies to the next call of a signed-in account.
    await as('dee', 'users.role', { name: 'ben', role: 'curator' });
    expect((await as<Annotation[]>('ben', 'annotations.list', { documentId: docId })).length).toBe(30);
    await as('dee', 'users.role', { name: 'ben', role: 'annotator' });
  });
});

describe('signing out', () => {
  it('ends the session: the next call is 401', async () => {
    const { ana, ...rest } = cookies;
    const res = await httpRequest(port, 'POST', '/signout', { headers: { cookie: ana! } });
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']?.[0]).toMatch(/Max-Age=0/);
    expect((await raw('documents.list', {}, ana)).status).toBe(401);
    expect((await raw('documents.list', {}, rest.ben)).status).toBe(200);
    // Removing an account signs it out everywhere.
    await as('dee', 'users.remove', { name: 'ben' });
    expect((await raw('documents.list', {}, rest.ben)).status).toBe(401);
  });
});

describe('live updates on a team server', () => {
  it("does not tell an annotator about another annotator's layer, not even which document; shared changes and their own reach them", async () => {
    // Accounts of their own: the tests above sign others out and change their roles.
    await signInAs('ed', 'annotator');
    await signInAs('flo', 'annotator');
    await signInAs('gus', 'curator');
    const streams = Object.fromEntries(await Promise.all(['ed', 'flo', 'gus'].map(async (who) => [who, await openEventStream(port, { cookie: cookies[who]! })] as const)));
    try {
      for (const s of Object.values(streams)) expect(s.status, s.text()).toBe(200);
      for (const s of Object.values(streams)) await s.next((e) => e.event === 'hello');
      const start = TEXT.indexOf('Ana');
      const created = await as<{ id: string }>('ed', 'annotations.create', { documentId: docId, ranges: [{ start, end: start + 3 }], labelId });
      const ofEd = (e: { event: string; data: unknown }) => e.event === 'change' && (e.data as { method: string }).method === 'annotations.create';
      await streams.ed!.next(ofEd);
      await streams.gus!.next(ofEd);
      // A shared record (the entity registry) is everyone's: it reaches Flo, and by then Ed's layer write would have too.
      await as('gus', 'entities.create', { name: 'Ana Lima', type: 'Person', aliases: [], externalId: null, description: '' });
      await streams.flo!.next((e) => e.event === 'change' && (e.data as { method: string }).method === 'entities.create');
      expect(streams.flo!.events.some(ofEd)).toBe(false);
      expect(JSON.stringify(streams.flo!.events)).not.toContain(created.id);
      // Flo's own write reaches Flo.
      await as('flo', 'annotations.delete', { id: (await as<{ id: string }>('flo', 'annotations.create', { documentId: docId, ranges: [{ start, end: start + 3 }], labelId })).id });
      await streams.flo!.next((e) => e.event === 'change' && (e.data as { method: string }).method === 'annotations.delete');
    } finally {
      for (const s of Object.values(streams)) s.close();
    }
  });
});
