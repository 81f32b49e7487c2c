// Side-by-side comparison on the real corpus in a real project file: the
// stance matrix, entities across documents, claim matching and the exports,
// through the backend's dispatcher and through the `gloss compare` command.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../electron/backend/import/index.ts';
import type { Annotation, CompareProposition, CompareResult, DocumentSummary } from '../../shared/index.ts';
import { openCorpusProject, type CorpusProject } from '../support/corpus-project.ts';
import { GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
let cp: CorpusProject;
let A: DocumentSummary; // pakistan-among-key-partners: Pakistan is a notable partner
let S: DocumentSummary; // pakistan-on-the-sidelines: Pakistan was excluded
let R: DocumentSummary; // rare-earth-diplomacy-white-house
const P1 = 'Pakistan is a key US partner on critical minerals';
const P2 = 'The United States is diversifying critical mineral supply chains';
const P3 = 'Pakistan’s mineral wealth is credible';
const P4 = 'Pakistan signed a $500 million deal with US Strategic Metals';
const made: Record<string, Annotation> = {};
const entityIds: Record<string, string> = {};

function label(name: string): string {
  const l = cp.project.labels.findByName(name);
  if (!l) throw new Error(`no label ${name}`);
  return l.id;
}

/** Annotates the first occurrence of `phrase` (or its first `length` characters). */
async function annotate(doc: DocumentSummary, phrase: string, labelName: string, length?: number): Promise<Annotation> {
  const r = cp.rangeOf(doc.id, phrase);
  return cp.call('annotations.create', { documentId: doc.id, labelId: label(labelName), ranges: [{ start: r.start, end: length ? r.start + length : r.end }] });
}

async function claim(key: string, doc: DocumentSummary, phrase: string, propositionText: string, stance: string, extra: { hedged?: boolean; reported?: boolean; attribution?: { entityId: string | null; text: string } } = {}) {
  const a = await annotate(doc, phrase, 'Claim');
  made[key] = a;
  await cp.call('claims.link', { annotationId: a.id, propositionText, stance, ...extra });
}

/** Tags the first occurrence of `name` in each document and links the mentions to one entity. */
async function entity(name: string, labelName: string, docs: DocumentSummary[]) {
  const [first, ...rest] = docs;
  const a = await annotate(first!, name, labelName);
  const e = await cp.call('entities.create', { name, annotationId: a.id });
  entityIds[name] = e.id;
  for (const d of rest) {
    const m = await annotate(d, name, labelName);
    await cp.call('entities.link', { links: [{ annotationId: m.id, entityId: e.id }] });
  }
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('gloss-compare-'));
  cp = await openCorpusProject(dir);
  A = cp.docs['pakistan-among-key-partners']!;
  S = cp.docs['pakistan-on-the-sidelines']!;
  R = cp.docs['rare-earth-diplomacy-white-house']!;

  await claim('aPartner', A, 'Pakistan has emerged as a notable partner in the US strategy', P1, 'favor');
  await claim('sExcluded', S, 'it has been systematically and strategically excluded from this initiative', P1, 'against');
  await claim('sExpendable', S, 'Pakistan remains expendable', P1, 'against');
  await claim('rAlly', R, 'reinforce Pakistan’s role as a crucial ally in the region', P1, 'favor', { hedged: true });
  await cp.call('stances.setDocument', { documentId: S.id, propositionText: P1, stance: 'against', justification: 'Pakistan was sidelined' });
  // The article as a whole takes no side, although one hedged claim favors: the document-level stance wins.
  await cp.call('stances.setDocument', { documentId: R.id, propositionText: P1, stance: 'neutral', justification: 'Only conditional' });

  await claim('aSupply', A, 'the United States and its partners aim to build diversified, secure, and resilient supply chains', P2, 'favor', {
    reported: true,
    attribution: { entityId: null, text: 'the State Department' },
  });
  await cp.call('stances.setDocument', { documentId: S.id, propositionText: P2, stance: 'neutral', justification: 'Mentioned in passing' });

  await claim('rSkeptic', R, "historical skepticism clouds Pakistan's resource claims", P3, 'against');
  await claim('rWealth', R, 'a symbol of Pakistan’s vast mineral wealth', P3, 'favor');

  await claim(
    'rDeal',
    R,
    'The meeting highlighted Pakistan’s burgeoning $500 million investment deal with Missouri-based US Strategic Metals to establish a poly-metallic refinery',
    P4,
    'favor',
  );

  await entity('Pakistan', 'Location', [A, S, R]);
  await entity('Marco Rubio', 'Person', [A, S]);
  await entity('Asim Munir', 'Person', [S, R]);
  await entity('US Strategic Metals', 'Organization', [S, R]);
  await entity('Glencore', 'Organization', [A]);
});

afterAll(() => {
  cp?.close();
  cleanup?.();
});

function row(result: CompareResult, text: string): CompareProposition {
  const p = result.propositions.find((x) => x.text === text);
  if (!p) throw new Error(`no row for "${text}"`);
  return p;
}

function cellOf(p: CompareProposition, doc: DocumentSummary) {
  const c = p.stances.find((s) => s.document === doc.id);
  if (!c) throw new Error(`no cell for ${doc.name}`);
  return c;
}

describe('compare.run: the proposition matrix', () => {
  it('marks a proposition favored by one article and opposed by another as contested, with evidence to scroll to', async () => {
    const result = await cp.call('compare.run', { documentIds: [A.id, S.id, R.id] });
    expect(result.documents.map((d) => d.name)).toEqual(['pakistan-among-key-partners', 'pakistan-on-the-sidelines', 'rare-earth-diplomacy-white-house']);
    expect(result.stanceSet).toEqual({ values: ['favor', 'against', 'neutral'], positive: 'favor', negative: 'against' });

    const p1 = row(result, P1);
    expect(p1.contested).toBe(true);
    expect(p1.documentCount).toBe(3);
    expect(p1.stances.map((c) => c.document)).toEqual([A.id, S.id, R.id]);

    const a = cellOf(p1, A);
    expect(a).toMatchObject({ stance: 'favor', documentStance: null, claimStances: ['favor'], polarities: ['positive'] });
    expect(a.quotes).toEqual(['Pakistan has emerged as a notable partner in the US strategy']);
    expect(a.evidence).toHaveLength(1);
    expect(a.evidence[0]).toMatchObject({ annotationId: made.aPartner!.id, ranges: made.aPartner!.ranges, stance: 'favor', polarity: 'positive' });
    const text = cp.project.documents.text(A.id);
    const r = a.evidence[0]!.ranges[0]!;
    expect(text.slice(r.start, r.end)).toBe(a.quotes[0]);

    const s = cellOf(p1, S);
    expect(s).toMatchObject({ stance: 'against', documentStance: 'against', justification: 'Pakistan was sidelined', claimStances: ['against'] });
    // Evidence in reading order.
    expect(s.evidence.map((e) => e.annotationId)).toEqual([made.sExcluded!.id, made.sExpendable!.id]);
    expect(s.quotes).toEqual(['it has been systematically and strategically excluded from this initiative', 'Pakistan remains expendable']);

    const rc = cellOf(p1, R);
    expect(rc).toMatchObject({ stance: 'neutral', documentStance: 'neutral', claimStances: ['favor'], polarities: ['other'] });
    expect(rc.evidence[0]).toMatchObject({ annotationId: made.rAlly!.id, hedged: true, stance: 'favor' });

    // The view's filter: contested rows only.
    expect(result.propositions.filter((p) => p.contested).map((p) => p.text)).toEqual([P1]);
  });

  it('leaves agreeing or neutral rows uncontested, says "mixed" for disagreeing claims of one document, and keeps claim details', async () => {
    const result = await cp.call('compare.run', { documentIds: [A.id, S.id, R.id] });
    const p2 = row(result, P2);
    expect(p2.contested).toBe(false);
    expect(cellOf(p2, A).stance).toBe('favor');
    expect(cellOf(p2, A).evidence[0]).toMatchObject({ reported: true, attribution: { entityId: null, text: 'the State Department' } });
    expect(cellOf(p2, S)).toMatchObject({ stance: 'neutral', quotes: [], evidence: [], justification: 'Mentioned in passing' });
    expect(cellOf(p2, R)).toMatchObject({ stance: null, quotes: [], evidence: [], polarities: [] });

    const p3 = row(result, P3);
    const mixed = cellOf(p3, R);
    expect(mixed.stance).toBe('mixed');
    expect(mixed.claimStances).toEqual(['favor', 'against']);
    expect(mixed.evidence.map((e) => e.stance).sort()).toEqual(['against', 'favor']);
    // Favor and against inside one document is not a disagreement between documents.
    expect(p3.contested).toBe(false);

    // Rows most documents bear on come first.
    expect(result.propositions.map((p) => p.documentCount)).toEqual([...result.propositions.map((p) => p.documentCount)].sort((x, y) => y - x));
    expect(result.propositions[0]!.text).toBe(P1);
  });

  it('compares only the documents named, in the order given', async () => {
    const result = await cp.call('compare.run', { documentIds: [S.id, A.id, S.id] });
    expect(result.documents.map((d) => d.id)).toEqual([S.id, A.id]);
    expect(result.documents[0]).toEqual({ id: S.id, name: S.name, title: S.title, length: S.length });
    expect(result.propositions.map((p) => p.text).sort()).toEqual([P1, P2].sort());
    const p1 = row(result, P1);
    expect(p1.stances.map((c) => c.stance)).toEqual(['against', 'favor']);
    expect(p1.contested).toBe(true);
    // R's propositions and entities are out of the picture.
    expect(result.entities.shared.map((e) => e.name)).toEqual(['Marco Rubio', 'Pakistan']); // two documents, two mentions each: by name
  });

  it('rejects unknown documents and empty lists with clear errors', async () => {
    const unknown = await cp.dispatch('compare.run', { documentIds: [A.id, 'no-such-document'] });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(!unknown.ok && unknown.error.message).toContain('no-such-document');
    expect(await cp.dispatch('compare.run', { documentIds: [] })).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });
});

describe('compare.run: entities across documents', () => {
  it('lists shared entities with per-document counts and mention ids, and those only one document mentions', async () => {
    const { entities } = await cp.call('compare.run', { documentIds: [A.id, S.id, R.id] });
    expect(entities.shared.map((e) => e.name)).toEqual(['Pakistan', 'Asim Munir', 'Marco Rubio', 'US Strategic Metals']);
    const pakistan = entities.shared[0]!;
    expect(pakistan).toMatchObject({ id: entityIds.Pakistan, type: 'Location', total: 3 });
    expect(pakistan.documents.map((d) => [d.document, d.count])).toEqual([
      [A.id, 1],
      [S.id, 1],
      [R.id, 1],
    ]);
    const mention = cp.project.annotations.get(pakistan.documents[1]!.annotationIds[0]!);
    expect(mention.documentId).toBe(S.id);
    expect(mention.quote).toBe('Pakistan');
    expect(entities.shared.find((e) => e.name === 'Marco Rubio')!.documents.map((d) => d.document)).toEqual([A.id, S.id]);
    expect(entities.unique).toEqual([
      { document: A.id, entities: [expect.objectContaining({ name: 'Glencore', total: 1, documents: [expect.objectContaining({ document: A.id, count: 1 })] })] },
      { document: S.id, entities: [] },
      { document: R.id, entities: [] },
    ]);
  });
});

describe('compare.matchClaim', () => {
  it('ranks a paraphrase in another article above unrelated sentences, and offers the proposition it is linked to', async () => {
    // The article writes "500\u202fmillion" (a narrow no-break space).
    const sDeal = await annotate(S, 'Pakistan signed a US$ 500\u202fmillion framework agreement with US Strategic Metals in September 2025.', 'Claim');
    const match = await cp.call('compare.matchClaim', { annotationId: sDeal.id, documentIds: [A.id, S.id, R.id] });
    expect(match).toMatchObject({ annotationId: sDeal.id, document: S.id, propositionIds: [] });
    expect(match.candidates.every((c) => c.document !== S.id)).toBe(true);
    const inR = match.candidates.filter((c) => c.document === R.id);
    expect(inR.length).toBeGreaterThan(0);
    expect(inR.length).toBeLessThanOrEqual(3);
    const best = inR[0]!;
    expect(best.text).toMatch(/^The meeting highlighted Pakistan’s burgeoning \$500 million investment deal/);
    expect(cp.project.documents.text(R.id).slice(best.start, best.end)).toBe(best.text);
    expect(best.score).toBeGreaterThan(inR[1]?.score ?? 0);
    expect(best.score).toBeGreaterThan(Math.max(...match.candidates.filter((c) => c.document === A.id).map((c) => c.score), 0));
    // Linking it to the same proposition is one key: the candidate names the annotation and its proposition.
    expect(best.annotationIds).toEqual([made.rDeal!.id]);
    expect(best.propositionIds).toEqual([cp.project.propositions.findByText(P4)!.id]);
    // Scores are best first across documents.
    expect(match.candidates.map((c) => c.score)).toEqual([...match.candidates.map((c) => c.score)].sort((x, y) => y - x));
  });

  it('matches the ministerial paraphrase across outlets and counts entities linked in both', async () => {
    const hosted = await annotate(A, 'Secretary of State Marco Rubio, joined by Vice President JD Vance and senior Cabinet officials, hosted representatives from 54 countries', 'Claim');
    const match = await cp.call('compare.matchClaim', { annotationId: hosted.id, documentIds: [S.id, R.id], limit: 5 });
    const inS = match.candidates.filter((c) => c.document === S.id);
    expect(inS[0]!.text).toMatch(/^The summit was hosted by US Secretary of State Marco Rubio and jointly chaired by Vice President J\.D\. Vance/);
    expect(inS[0]!.sharedEntityIds).toEqual([entityIds['Marco Rubio']]);
    expect(inS.length).toBeLessThanOrEqual(5);
    expect(match.candidates.filter((c) => c.document === R.id).every((c) => c.score < inS[0]!.score)).toBe(true);
  });

  it('fails clearly for an unknown annotation', async () => {
    expect(await cp.dispatch('compare.matchClaim', { annotationId: 'nope', documentIds: [A.id] })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });
});

describe('compare.export', () => {
  /** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let field = '';
    let row: string[] = [];
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(field);
        field = '';
      } else if (c === '\r' && text[i + 1] === '\n') {
        row.push(field);
        rows.push(row);
        row = [];
        field = '';
        i++;
      } else field += c;
    }
    return rows;
  }

  it('writes CSV rows of proposition, document, stance, quote and code point offsets', async () => {
    // An emoji and a flag before the claim: UTF-16 and code point offsets differ.
    const text = '🇵🇰 Wire 👍🏽 copy\nPakistan was left out of the Washington minerals conference, officials said.\n';
    const [emoji] = await importSources(cp.project, [{ name: 'emoji-wire.txt', bytes: new TextEncoder().encode(text) }]);
    const phrase = 'Pakistan was left out of the Washington minerals conference';
    const a = await annotate(emoji!, phrase, 'Claim');
    await cp.call('claims.link', { annotationId: a.id, propositionText: P1, stance: 'against' });

    // Attributed to an entity: the CSV names it.
    const expendable = cp.project.claims.forAnnotation(made.sExpendable!.id)[0]!;
    await cp.call('claims.update', { id: expendable.id, attribution: { entityId: entityIds['Asim Munir']!, text: '' } });

    const file = await cp.call('compare.export', { documentIds: [A.id, S.id, emoji!.id], format: 'csv' });
    expect(file.fileName).toBe('comparison-pakistan-among-key-partners-vs-pakistan-on-the-sidelines-vs-emoji-wire.csv');
    expect(file.mediaType).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(file.content);
    const [header, ...body] = rows;
    expect(header).toEqual(expect.arrayContaining(['proposition', 'document', 'stance', 'quote', 'start_codepoint', 'end_codepoint']));
    const col = (name: string) => header!.indexOf(name);
    const claimRows = body.filter((r) => r[col('level')] === 'claim');
    const partner = claimRows.find((r) => r[col('annotation_id')] === made.aPartner!.id)!;
    expect(partner[col('proposition')]).toBe(P1);
    expect(partner[col('contested')]).toBe('true');
    expect(partner[col('document')]).toBe(A.title);
    expect(partner[col('stance')]).toBe('favor');
    expect(partner[col('quote')]).toBe('Pakistan has emerged as a notable partner in the US strategy');
    // A quote with commas stays one field.
    const supply = claimRows.find((r) => r[col('annotation_id')] === made.aSupply!.id)!;
    expect(supply[col('quote')]).toBe('the United States and its partners aim to build diversified, secure, and resilient supply chains');
    expect(supply[col('attribution')]).toBe('the State Department');
    expect(claimRows.find((r) => r[col('annotation_id')] === made.sExpendable!.id)![col('attribution')]).toBe('Asim Munir');
    // The emoji document: offsets count code points, not UTF-16 units.
    const wire = claimRows.find((r) => r[col('annotation_id')] === a.id)!;
    const utf16 = text.indexOf(phrase);
    const cpStart = Array.from(text.slice(0, utf16)).length;
    expect(cpStart).toBeLessThan(utf16);
    expect([Number(wire[col('start_codepoint')]), Number(wire[col('end_codepoint')])]).toEqual([cpStart, cpStart + phrase.length]);
    expect(Array.from(text).slice(cpStart, cpStart + phrase.length).join('')).toBe(phrase);
    // Document-level stances are rows too.
    expect(body.some((r) => r[col('level')] === 'document' && r[col('document_id')] === S.id && r[col('stance')] === 'against')).toBe(true);
    // Every row has every column.
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
    await cp.call('claims.unlink', { id: cp.project.claims.forAnnotation(a.id)[0]!.id });
    cp.project.documents.delete(emoji!.id);
  });

  it('writes a self-contained HTML report that prints well and runs no script', async () => {
    // Text from a web page must not become markup.
    const evil = await annotate(R, 'This high-profile display', 'Claim');
    await cp.call('claims.link', { annotationId: evil.id, propositionText: 'Mineral diplomacy <script>alert(1)</script> works', stance: 'favor' });
    const file = await cp.call('compare.export', { documentIds: [A.id, S.id, R.id], format: 'html' });
    expect(file.mediaType).toBe('text/html; charset=utf-8');
    expect(file.fileName).toMatch(/\.html$/);
    const html = file.content;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline handlers
    expect(html).not.toMatch(/(?:src|href)\s*=/i); // nothing fetched
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('@media print');
    expect(html).toContain(P1);
    expect(html).toContain('contested');
    expect(html).toContain('Pakistan has emerged as a notable partner in the US strategy');
    expect(html).toContain('it has been systematically and strategically excluded from this initiative');
    expect(html).toContain('Glencore');
    for (const d of [A, S, R]) expect(html).toContain(d.title.replace(/'/g, '&#39;'));
    cp.project.annotations.delete(evil.id);
  });
});

describe('gloss compare', { timeout: 60_000 }, () => {
  function gloss(args: string[]) {
    const r = spawnSync(process.execPath, [GLOSS_BIN, ...args, '--db', cp.file], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      input: '',
      timeout: 60_000,
      env: { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg'), GLOSS_DB: path.join(dir, 'unused-default.gloss') },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('--json prints exactly one JSON value with the documented fields, every document when none is named', () => {
    const r = gloss(['compare', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const result = JSON.parse(r.stdout) as CompareResult;
    expect(result.documents.map((d) => d.name)).toEqual(['pakistan-among-key-partners', 'pakistan-on-the-sidelines', 'rare-earth-diplomacy-white-house']);
    for (const d of result.documents) expect(d).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), title: expect.any(String) }));
    const p1 = result.propositions.find((p) => p.text === P1)!;
    expect(p1).toEqual(expect.objectContaining({ id: expect.any(String), text: P1, contested: true, stances: expect.any(Array) }));
    for (const p of result.propositions) {
      expect(typeof p.contested).toBe('boolean');
      for (const s of p.stances) expect(s).toEqual(expect.objectContaining({ document: expect.any(String), quotes: expect.any(Array) }));
    }
    expect(p1.stances.find((s) => s.document === A.id)).toMatchObject({ stance: 'favor', quotes: ['Pakistan has emerged as a notable partner in the US strategy'] });
    expect(p1.stances.find((s) => s.document === S.id)!.stance).toBe('against');
    expect(result.entities.shared.map((e) => e.name)).toContain('Pakistan');
    expect(result.entities.unique).toHaveLength(3);
    expect(result.reusedPassages).toEqual([]);
  });

  it('names documents by name or title, in the order given', () => {
    const r = gloss(['compare', 'pakistan-on-the-sidelines', 'Pakistan among key partners in Washington’s global push for critical minerals', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as CompareResult;
    expect(result.documents.map((d) => d.id)).toEqual([S.id, A.id]);
    expect(result.propositions.find((p) => p.text === P1)!.contested).toBe(true);
  });

  it('writes the CSV and HTML exports with --format and --out', () => {
    const csv = path.join(dir, 'comparison.csv');
    const r = gloss(['compare', 'pakistan-among-key-partners', 'pakistan-on-the-sidelines', '--format', 'csv', '--out', csv, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'csv', out: csv, documents: 2 });
    const content = fs.readFileSync(csv, 'utf8');
    expect(content.split('\r\n')[0]).toContain('start_codepoint');
    expect(content).toContain('Pakistan remains expendable');
    expect(fs.existsSync(`${csv}.partial`)).toBe(false);

    const html = path.join(dir, 'comparison.html');
    const h = gloss(['compare', '--format', 'html', '--out', html]);
    expect(h.status, h.stderr).toBe(0);
    expect(h.stdout).toBe('');
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain('<!DOCTYPE html>');
    expect(page.toLowerCase()).not.toContain('<script');
  });

  it('prints a readable summary without --json', () => {
    const r = gloss(['compare', 'pakistan-among-key-partners', 'pakistan-on-the-sidelines']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('contested');
    expect(r.stdout).toContain(`! ${P1}`);
  });

  it('fails with one line on stderr for an unknown document or format', () => {
    for (const args of [['compare', 'no-such-doc', '--json'], ['compare', '--format', 'xml', '--out', path.join(dir, 'x.xml')], ['compare', '--format', 'csv']]) {
      const r = gloss(args);
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^gloss: [^\n]+\n$/);
    }
    expect(gloss(['compare', 'no-such-doc']).stderr).toContain('no-such-doc');
  });
});

describe('a custom stance set', () => {
  it('takes the set’s first value as positive and its second as negative', async () => {
    await cp.call('tagset.setStanceValues', { values: ['agree', 'disagree', 'discuss'], rename: { favor: 'agree', against: 'disagree', neutral: 'discuss' } });
    const result = await cp.call('compare.run', { documentIds: [A.id, S.id, R.id] });
    expect(result.stanceSet).toEqual({ values: ['agree', 'disagree', 'discuss'], positive: 'agree', negative: 'disagree' });
    const p1 = row(result, P1);
    expect(p1.contested).toBe(true);
    expect(p1.stances.map((c) => c.stance)).toEqual(['agree', 'disagree', 'discuss']);
    expect(row(result, P3).stances[2]!.claimStances).toEqual(['agree', 'disagree']);

    expect(row(result, P2).contested).toBe(false); // agree and discuss

    // The order decides: with "discuss" second, agree and discuss are opposite.
    await cp.call('tagset.setStanceValues', { values: ['agree', 'discuss', 'disagree'] });
    const reordered = await cp.call('compare.run', { documentIds: [A.id, S.id, R.id] });
    expect(reordered.stanceSet).toMatchObject({ positive: 'agree', negative: 'discuss' });
    expect(row(reordered, P2).contested).toBe(true);
  });
});
