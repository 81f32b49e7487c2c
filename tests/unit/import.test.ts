// Importers on real files: plain text, Markdown, HTML (with hostile input),
// folders, encoding errors, all-or-nothing batches and the demo corpus.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources, readSources, type ImportSource } from '../../electron/backend/import/index.ts';
import { TITLE_MAX_UNITS, titleFromText } from '../../electron/backend/interop/text.ts';
import { Project } from '../../electron/backend/project.ts';
import { GlossError, type Document, type ImportFormat } from '../../shared/index.ts';
import { CORPUS_DIR } from '../support/paths.ts';
import { freshProjectPerTest } from '../support/project.ts';

let dir: string;
let project: Project;
freshProjectPerTest((p, d) => {
  project = p;
  dir = d;
});

/** Writes `content` to `name` in the temp folder and returns its path. */
function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** Imports files from disk, as the CLI does, and returns the stored documents. */
async function importFiles(paths: string[], format: ImportFormat = 'auto'): Promise<Document[]> {
  const summaries = await importSources(project, readSources(paths, format), format);
  return summaries.map((s) => project.documents.get(s.id));
}

async function importOne(name: string, content: string | Uint8Array): Promise<Document> {
  const [doc] = await importFiles([write(name, content)]);
  return doc!;
}

/** The text each block covers. */
const blockTexts = (doc: Document) => doc.blocks.map((b) => doc.text.slice(b.start, b.end));

/** The import error of a batch, which must be a GlossError of kind 'import'. */
async function importError(sources: ImportSource[]): Promise<GlossError> {
  const err = await importSources(project, sources).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GlossError);
  expect((err as GlossError).kind).toBe('import');
  return err as GlossError;
}

describe('titles taken from the text', () => {
  /** Whether `s` is well-formed UTF-16 (no lone surrogate). */
  const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

  it('keeps a headline whole and cuts a long first paragraph at a space, with an ellipsis', async () => {
    const headline = await importOne('short.txt', '  Lithium quota cut by a third  \n\nBody.\n');
    expect(headline.title).toBe('Lithium quota cut by a third');
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const doc = await importOne('long.txt', `${words}\n\nBody.\n`);
    expect(doc.title.length).toBeLessThanOrEqual(TITLE_MAX_UNITS);
    expect(doc.title.endsWith('…')).toBe(true);
    // Whole words only: the title less its ellipsis is a prefix of the line that ends where a word does.
    const head = doc.title.slice(0, -1);
    expect(words.startsWith(head)).toBe(true);
    expect(words[head.length]).toBe(' ');
  });

  it('takes the first line that is not blank, wherever it is', () => {
    expect(titleFromText('\n   \n\t\n  First real line \nBody')).toBe('First real line');
    expect(titleFromText('One line, no newline')).toBe('One line, no newline');
    expect(titleFromText('\n \n\t')).toBe('');
    expect(titleFromText('')).toBe('');
  });

  it.each([
    ['emoji', '👍🏽'],
    ['flags', '🇵🇰🇨🇳'],
    ['combining marks', 'e\u0301\u0323'],
    ['right-to-left text', 'مرحبا'],
  ])('never splits a character in a line without spaces: %s', async (_name, unit) => {
    const line = unit.repeat(Math.ceil(400 / unit.length));
    for (const [file, content] of [['x.txt', `${line}\n\nBody.\n`], ['x.md', `${line}\n\nBody.\n`]] as const) {
      const doc = await importOne(`${unit.length}-${file}`, content);
      expect(doc.title.length).toBeLessThanOrEqual(TITLE_MAX_UNITS);
      expect(wellFormed(doc.title)).toBe(true);
      const head = doc.title.slice(0, -1);
      expect(doc.title.endsWith('…')).toBe(true);
      // The cut falls where a character as a reader sees it ends (a grapheme boundary of the line).
      const boundaries = new Set([...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(line)].map((g) => g.index + g.segment.length));
      expect(boundaries.has(head.length)).toBe(true);
      expect(line.startsWith(head)).toBe(true);
    }
  });
});

describe('plain text', () => {
  it('drops a BOM, turns CRLF and CR into LF and keeps everything else exactly', async () => {
    const doc = await importOne('note.txt', '\ufeff  Title line  \r\nSecond\tline  with  spaces\rThird line\r\n\r\n  indented 👍🏽 e\u0301\n');
    expect(doc.text).toBe('  Title line  \nSecond\tline  with  spaces\nThird line\n\n  indented 👍🏽 e\u0301\n');
    expect(doc.name).toBe('note');
    expect(doc.metadata).toMatchObject({ format: 'txt', sourcePath: 'note.txt' });
  });

  it('takes the title from the first non-empty line', async () => {
    const doc = await importOne('t.txt', '\n   \n  Pakistan on the Sidelines  \nbody\n');
    expect(doc.title).toBe('Pakistan on the Sidelines');
  });

  it('makes one block per non-empty line', async () => {
    const doc = await importOne('lines.txt', 'First\n\nSecond line\n   \nThird\n');
    expect(blockTexts(doc)).toEqual(['First', 'Second line', 'Third']);
    expect(doc.blocks.every((b) => b.type === 'paragraph')).toBe(true);
  });
});

describe('Markdown', () => {
  it('turns headings, paragraphs, quotes and list items into blocks', async () => {
    const doc = await importOne(
      'article.md',
      '# Rare earths\r\n\r\nA *first* paragraph\r\nover two lines.\r\n\r\n## Background\r\n\r\n- lithium\r\n- cobalt\r\n\r\n> a quote\r\n\r\n```\r\ncode  block\r\n    indented\r\n```\r\n',
    );
    expect(doc.title).toBe('Rare earths');
    expect(doc.blocks.map((b) => [b.type, b.level])).toEqual([
      ['heading', 1],
      ['paragraph', undefined],
      ['heading', 2],
      ['listItem', undefined],
      ['listItem', undefined],
      ['blockquote', undefined],
      ['preformatted', undefined],
    ]);
    expect(blockTexts(doc)).toEqual(['Rare earths', 'A first paragraph over two lines.', 'Background', 'lithium', 'cobalt', 'a quote', 'code  block\n    indented']);
    expect(doc.metadata.format).toBe('md');
  });

  it('keeps raw HTML as text, never as markup', async () => {
    const doc = await importOne('html-in.md', 'Some <b>bold</b> claim.\n\n<div onclick="x()">block html</div>\n\n<script>alert(1)</script>\n');
    expect(doc.text).toContain('Some <b>bold</b> claim.');
    expect(doc.text).toContain('<div onclick="x()">block html</div>');
    expect(doc.text).toContain('<script>alert(1)</script>');
  });

  it('reads front matter into the title and metadata', async () => {
    const doc = await importOne('fm.md', '---\ntitle: "A title"\nauthor: Jane Roe\ndate: 2026-02-04\n---\n\nBody text.\n');
    expect(doc.title).toBe('A title');
    expect(doc.metadata).toMatchObject({ author: 'Jane Roe', published: '2026-02-04' });
    expect(doc.text).toBe('Body text.');
  });
});

// jsdom loads slowly the first time, more so on a busy machine.
describe('HTML', { timeout: 30_000 }, () => {
  const article = (body: string, head = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pakistan joins Washington’s critical minerals push | Daily Ledger</title>
<meta name="author" content="Amina Khan">
<meta property="og:site_name" content="Daily Ledger">
<meta property="article:published_time" content="2026-02-05T09:00:00Z">
<link rel="canonical" href="https://ledger.example/pakistan-minerals">
${head}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe to our newsletter</a></nav>
<article>
<h1>Pakistan joins Washington’s critical minerals push</h1>
<p class="byline">By Amina Khan</p>
${body}
<p>WASHINGTON: The United States hosted representatives from 54 countries and the European Commission at the 2026 Critical Minerals Ministerial, a meeting meant to reshape the global market for rare earth elements.</p>
<p>Officials from Islamabad said Pakistan's reserves of copper, gold and rare earths made it a natural partner, while analysts cautioned that investment would depend on security and on the terms of any agreement.</p>
<blockquote>We are ready to work with every partner, the minister said.</blockquote>
<ul><li>Copper deposits at Reko Diq</li><li>Rare earth prospects in the north</li></ul>
</article>
<footer>© Daily Ledger. All rights reserved. Cookie settings.</footer>
</body></html>`;

  it('extracts the article with Readability, with its metadata', async () => {
    const doc = await importOne('ledger.html', article('<pre>Reserves   (t)\n  copper    5.9\n  gold      0.4</pre>'));
    expect(doc.title).toBe('Pakistan joins Washington’s critical minerals push');
    expect(doc.metadata).toMatchObject({
      format: 'html',
      author: expect.stringContaining('Amina Khan'),
      outlet: 'Daily Ledger',
      published: '2026-02-05T09:00:00Z',
      url: 'https://ledger.example/pakistan-minerals',
      language: 'en',
    });
    expect(doc.text).toContain('WASHINGTON: The United States hosted representatives from 54 countries');
    expect(doc.text).not.toContain('Subscribe to our newsletter');
    expect(doc.text).not.toContain('Cookie settings');
    const types = new Map(doc.blocks.map((b) => [doc.text.slice(b.start, b.end), b.type]));
    expect(types.get('We are ready to work with every partner, the minister said.')).toBe('blockquote');
    expect(types.get('Copper deposits at Reko Diq')).toBe('listItem');
    expect(types.get('Reserves   (t)\n  copper    5.9\n  gold      0.4')).toBe('preformatted');
    expect(doc.blocks.every((b) => b.end > b.start && b.end <= doc.text.length)).toBe(true);
  });

  describe('hostile files', () => {
    // Anything that runs or loads would call this server or set the canary.
    let canary: http.Server;
    let canaryUrl: string;
    const hits: string[] = [];
    beforeAll(async () => {
      canary = http.createServer((req, res) => {
        hits.push(req.url ?? '');
        res.end('globalThis.__glossCanary = "loaded";');
      });
      await new Promise<void>((r) => canary.listen(0, '127.0.0.1', () => r()));
      canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => canary.close(() => r())));

    it('runs nothing, loads nothing and keeps no script text', async () => {
      const run = (what: string) =>
        `globalThis.__glossCanary = '${what}'; var x = new XMLHttpRequest(); x.open('GET', '${canaryUrl}/${what}'); x.send();`;
      const hostile = article(
        `<script>${run('inline-script')}</script>
<script src="${canaryUrl}/external-script.js"></script>
<img src="${canaryUrl}/img.png" onerror="${run('onerror')}" alt="">
<p onmouseover="${run('onmouseover')}">Hover text stays as text. <a href="javascript:${run('js-url')}">a javascript link</a></p>
<iframe src="${canaryUrl}/iframe.html" srcdoc="<script>${run('srcdoc')}</script>"></iframe>
<object data="${canaryUrl}/object.swf"></object>
<style>body { background: url(${canaryUrl}/style-bg.png) } .x { color: red }</style>
<svg><script>${run('svg-script')}</script></svg>`,
        `<link rel="stylesheet" href="${canaryUrl}/style.css"><script>${run('head-script')}</script><meta http-equiv="refresh" content="0;url=${canaryUrl}/refresh">`,
      );
      const doc = await importOne('hostile.html', hostile);
      await new Promise((r) => setTimeout(r, 300)); // time for any stray request or timer

      expect(hits).toEqual([]);
      expect((globalThis as { __glossCanary?: unknown }).__glossCanary).toBeUndefined();
      for (const needle of ['__glossCanary', 'XMLHttpRequest', 'fetch(', 'javascript:', 'background:', 'color: red', canaryUrl]) {
        expect(doc.text, needle).not.toContain(needle);
      }
      expect(doc.text).toContain('Hover text stays as text. a javascript link');
      expect(doc.text).toContain('WASHINGTON: The United States hosted');
      expect(JSON.stringify(doc.metadata)).not.toContain('__glossCanary');
    });
  });
});

describe('folders', () => {
  it('are read recursively in name order, skipping hidden files and unknown formats', async () => {
    write('corpus/b.txt', 'Bee\n');
    write('corpus/a/z.md', '# Zed\n');
    write('corpus/a/deeper/y.html', '<html><head><title>Why</title></head><body><p>Why text</p></body></html>');
    write('corpus/.hidden.txt', 'hidden\n');
    write('corpus/.git/config.txt', 'git\n');
    write('corpus/image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    write('corpus/notes.odt', 'PK');
    const sources = readSources([path.join(dir, 'corpus')]);
    expect(sources.map((s) => path.relative(dir, s.name))).toEqual([
      path.join('corpus', 'a', 'deeper', 'y.html'),
      path.join('corpus', 'a', 'z.md'),
      path.join('corpus', 'b.txt'),
    ]);
    const docs = await importFiles([path.join(dir, 'corpus')]);
    expect(docs.map((d) => [d.name, d.title])).toEqual([
      ['y', 'Why'],
      ['z', 'Zed'],
      ['b', 'Bee'],
    ]);
  });

  it('a folder without importable files is an error naming it', () => {
    // One pipeline for every format: PDFs in a folder are read too; an unknown format is not.
    write('empty/readme.odt', 'PK');
    expect(() => readSources([path.join(dir, 'empty')])).toThrow(path.join(dir, 'empty'));
  });

  it('a missing path is an error naming it', () => {
    const missing = path.join(dir, 'nope.txt');
    expect(() => readSources([missing])).toThrow(`${missing}: no such file or folder`);
  });
});

describe('bad input', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['binary.txt', new Uint8Array([...Buffer.from('first line\nsecond\n'), 0x00, 0x01, 0x02, 0xff]), /line 3: .*NUL.*binary/],
    ['latin1.txt', new Uint8Array([...Buffer.from('Title\nplain\ncaf'), 0xe9, ...Buffer.from(' au lait\n')]), /line 3: .*0xe9.*Latin-1/],
    ['utf16le.txt', new Uint8Array([0xff, 0xfe, ...Buffer.from('Title\nbody\n', 'utf16le')]), /line 1: .*UTF-16/],
    ['utf16be.md', new Uint8Array([0xfe, 0xff, ...Buffer.from('Title\n', 'utf16le').swap16()]), /line 1: .*UTF-16/],
    ['utf16le-no-bom.txt', new Uint8Array(Buffer.from('A title\nand a body of text\n', 'utf16le')), /line 1: .*looks UTF-16 encoded/],
    ['utf16be-no-bom.txt', new Uint8Array(Buffer.from('A title\nand a body of text\n', 'utf16le').swap16()), /line 1: .*looks UTF-16 encoded/],
    ['utf16-no-bom.txt', new Uint8Array(Buffer.from('Title\nbody\n', 'utf16le')), /line 1: /],
    ['page.html', new Uint8Array([...Buffer.from('<p>one</p>\n<p>two</p>\n<p>caf'), 0xe9, ...Buffer.from('</p>')]), /line 3: /],
  ];
  for (const [name, bytes, message] of cases) {
    it(`${name}: an error naming the file and the line`, async () => {
      const file = write(name, bytes);
      const err = await importError(readSources([file]));
      expect(err.message.startsWith(`${file}: `)).toBe(true);
      expect(err.message).toMatch(message);
      expect(project.documents.list()).toEqual([]);
    });
  }

  it('a batch with one bad file stores nothing', async () => {
    write('batch/1-good.txt', 'Good one\n');
    write('batch/2-bad.txt', new Uint8Array([0x41, 0x0a, 0xc3, 0x28]));
    write('batch/3-good.md', '# Good two\n');
    const existing = await importOne('before.txt', 'Already here\n');
    const before = project.documents.list();
    const err = await importError(readSources([path.join(dir, 'batch')]));
    expect(err.message).toContain('2-bad.txt: line 2');
    expect(project.documents.list()).toEqual(before);
    expect(before.map((d) => d.id)).toEqual([existing.id]);
  });

  it('an empty file is refused', async () => {
    const err = await importError(readSources([write('empty.txt', '\n  \n')]));
    expect(err.message).toContain('empty.txt');
  });

  it('an unknown extension named explicitly is refused with a hint', async () => {
    const err = await importError(readSources([write('notes.rtf', '{\\rtf1 hi}')]));
    expect(err.message).toMatch(/notes\.rtf: unknown file type ".rtf"/);
  });
});

describe('the demo corpus', () => {
  const files = fs.readdirSync(CORPUS_DIR).sort();

  it('imports the three real articles with their names, titles and exact text', async () => {
    expect(files).toEqual(['pakistan-among-key-partners.txt', 'pakistan-on-the-sidelines.txt', 'rare-earth-diplomacy-white-house.txt']);
    const docs = await importFiles([CORPUS_DIR]);
    expect(docs.map((d) => d.name)).toEqual(files.map((f) => f.replace(/\.txt$/, '')));
    expect(docs.map((d) => d.title)).toEqual([
      'Pakistan among key partners in Washington’s global push for critical minerals',
      'Pakistan on the Sidelines of US Mineral Diplomacy',
      "Pakistan's Rare Earth Minerals Diplomacy at the White House: A New Chapter in US-Pakistan Relations",
    ]);
    for (const [i, doc] of docs.entries()) {
      const raw = fs.readFileSync(path.join(CORPUS_DIR, files[i]!), 'utf8').replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
      expect(doc.text).toBe(raw);
      expect(doc.metadata).toMatchObject({ format: 'txt', sourcePath: files[i] });
      expect(doc.contentHash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(project.documents.search('Rubio').length).toBeGreaterThan(0);
  });
});

describe('the language of a text that does not declare one', () => {
  const texts: [string, string][] = [
    ['en', 'Chile and the European Union signed an agreement on Monday that gives European firms access to lithium from the Atacama, officials said. The president said the deal would not repeat the mistakes of the past.'],
    ['es', 'Chile y la Unión Europea firmaron el lunes un acuerdo que da a las empresas europeas acceso al litio de Atacama, dijeron funcionarios. El presidente dijo que el acuerdo no repetirá los errores del pasado.'],
    ['fr', 'Le Chili et l’Union européenne ont signé lundi un accord qui donne aux entreprises européennes un accès au lithium de l’Atacama, selon des responsables. Le président a dit que cet accord est juste.'],
    ['de', 'Chile und die Europäische Union haben am Montag ein Abkommen unterzeichnet, das europäischen Firmen den Zugang zu Lithium sichert. Der Präsident sagte, das Abkommen werde die Fehler der Vergangenheit nicht wiederholen.'],
    ['ar', 'وقعت تشيلي والاتحاد الأوروبي يوم الاثنين اتفاقية تمنح الشركات الأوروبية حق الوصول إلى الليثيوم. Officials said the deal is fair.'],
    ['fa', 'شیلی و اتحادیه اروپا روز دوشنبه توافقی را امضا کردند که به شرکت‌های اروپایی دسترسی به لیتیوم می‌دهد.'],
    ['uk', 'Чилі та Європейський союз у понеділок підписали угоду, яка надає європейським компаніям доступ до літію з пустелі Атакама.'],
    ['ru', 'Чили и Европейский союз в понедельник подписали соглашение, которое дает европейским компаниям доступ к литию из пустыни Атакама.'],
    ['zh', '智利和欧盟周一签署了一项协议，允许欧洲公司获得阿塔卡马盐湖的锂资源。'],
    ['ja', 'チリと欧州連合は月曜日、欧州企業がアタカマ塩湖のリチウムにアクセスできる協定に署名した。'],
  ];

  it.each(texts)('a plain text in %s is marked as such', async (language, text) => {
    const doc = await importOne(`article-${language}.txt`, `Headline\n\n${text}\n`);
    expect(doc.metadata.language).toBe(language);
  });

  it('a declared language is kept; too little text, or no clear language, gets none', async () => {
    const html = await importOne('declared.html', `<html lang="fr"><head><title>T</title></head><body><article><p>${texts[0]![1]}</p></article></body></html>`);
    expect(html.metadata.language).toBe('fr');
    const short = await importOne('short.txt', 'Reko Diq 2026\n');
    expect(short.metadata.language).toBeUndefined();
    const numbers = await importOne('numbers.txt', 'Table 1\n\n12.5 44.1 903 17 2.2 8.0 6.1 1.1 0.5 3.3 9.9 7.7 4.4 5.5 6.6 2.0\n');
    expect(numbers.metadata.language).toBeUndefined();
  });

  it('the articles of the demo corpus are English', async () => {
    const docs = await importFiles([CORPUS_DIR]);
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) expect(d.metadata.language?.split('-')[0]).toBe('en');
  });
});
