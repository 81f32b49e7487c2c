// The browser half of `npm run bench`: builds the benchmark pages with Vite,
// serves them on 127.0.0.1 and drives them in Debian's headless Chromium.
// Run by build/scripts/bench.mjs as `node --import tsx tests/bench/browser-bench.ts --out FILE`;
// progress goes to stderr, the figures to FILE as JSON.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../support/browser.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';
import { BENCH_SEED } from './generate.ts';
import { HOTKEY, type AdditionResult, type OpenResult } from './browser/protocol.ts';
import { median, p95, progress, writeResult } from './report.ts';

export interface BrowserResults {
  editor_open_ms_10k: number;
  editor_add_p95_ms_10k: number;
  editor_add_work_p95_ms_10k: number;
  editor_open_ms_100k: number;
  editor_add_work_p95_ms_100k: number;
  editor_scroll_frame_p95_ms_10k: number;
  edit_typing_p95_ms_10k: number;
  peer_open_ms_10k: number | null;
  peer_add_p95_ms_10k: number | null;
  peer_add_work_p95_ms_10k: number | null;
  peer_version: string;
  chromium: string;
  seed: number;
  details: {
    editor_open_runs_ms_10k: number[];
    editor_add_p50_ms_10k: number;
    editor_add_work_p50_ms_10k: number;
    editor_add_p95_ms_100k: number;
    editor_add_work_p50_ms_100k: number;
    editor_scroll_frame_p50_ms_10k: number;
    editor_scroll_frames: number;
    editor_additions: number;
    edit_typing_p50_ms_10k: number;
    edit_typed_characters: number;
    editor_highlight_elements_10k: number;
    editor_highlight_elements_100k: number;
    peer_highlight_elements: number | null;
    peer_annotations_loaded: number | null;
    peer_add_p50_ms_10k: number | null;
    peer_add_work_p50_ms_10k: number | null;
    peer_note?: string;
  };
}

const VIEWPORT = { width: 1400, height: 900 };

/** Builds the two pages (tests/bench/browser/gloss.html, peer.html) into `outDir`. */
async function buildPages(outDir: string): Promise<void> {
  const root = path.join(REPO_ROOT, 'tests', 'bench', 'browser');
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    esbuild: { jsx: 'automatic' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // Readable names in profiles (BENCH_PROFILE); minified otherwise, as the app ships.
      minify: !process.env.BENCH_PROFILE,
      chunkSizeWarningLimit: 5000,
      rollupOptions: {
        input: { gloss: path.join(root, 'gloss.html'), peer: path.join(root, 'peer.html') },
        onwarn(warning, warn) {
          if (warning.code === 'INVALID_ANNOTATION') return;
          warn(warning);
        },
      },
    },
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** A static server for the built pages, on a free loopback port. */
async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = path.resolve(dir, rel || 'gloss.html');
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  page.on('pageerror', (err) => progress(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') progress(`page console: ${msg.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => typeof window.bench === 'object');
  return page;
}

/** With BENCH_PROFILE=DIR, the opens are CPU-profiled into DIR (for chrome://inspect or any .cpuprofile viewer). */
const PROFILE_DIR = process.env.BENCH_PROFILE;

async function openDocument(browser: Browser, url: string, count: number, timeoutMs = 180_000): Promise<{ page: Page; result: OpenResult }> {
  const page = await openPage(browser, url);
  page.setDefaultTimeout(timeoutMs);
  const stop = await profile(page);
  const result = await page.evaluate(([count, seed]) => window.bench.open(count, seed), [count, BENCH_SEED] as const);
  await stop(`${path.basename(url, '.html')}-${count}-open`);
  return { page, result };
}

/** Starts the CPU profiler when BENCH_PROFILE is set; the returned function saves the profile as NAME.cpuprofile. */
async function profile(page: Page): Promise<(name: string) => Promise<void>> {
  if (!PROFILE_DIR) return async () => {};
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async (name) => {
    const { profile } = await cdp.send('Profiler.stop');
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    fs.writeFileSync(path.join(PROFILE_DIR, `${name}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  };
}

/** 200 additions: select the words, press the hotkey, wait for the highlight to be painted. */
async function additions(page: Page, label: string, limit = Infinity): Promise<AdditionResult[]> {
  const n = Math.min(limit, await page.evaluate(() => window.bench.additions()));
  const stop = await profile(page);
  const out: AdditionResult[] = [];
  for (let i = 0; i < n; i++) {
    await page.evaluate((i) => window.bench.prepareAddition(i), i);
    await page.keyboard.press(HOTKEY);
    out.push(await page.evaluate(() => window.bench.lastAddition()));
    if ((i + 1) % 50 === 0) progress(`  ${label}: ${i + 1}/${n} additions`);
  }
  await stop(`${label.replace(/\W+/g, '-')}-additions`);
  return out;
}

/** The word typed at each place, one key at a time, in "Edit text" mode. */
const TYPED = ' edited';

/** Typing in edit mode at `places` places across the document: the work of each character, from keydown to the edit laid out. */
async function typing(page: Page, places: number): Promise<number[]> {
  const stop = await profile(page);
  const out: number[] = [];
  for (let i = 0; i < places; i++) {
    // Spread over the document: the generator's additions run from start to end.
    await page.evaluate((i) => window.bench.prepareTyping!(i), Math.floor((i * 200) / places));
    for (const ch of TYPED) {
      await page.keyboard.press(ch === ' ' ? 'Space' : ch);
      out.push(await page.evaluate(() => window.bench.lastTyping!()));
    }
  }
  await stop('Gloss-10k-typing');
  return out;
}

export interface BrowserOptions {
  /** Fewer runs and additions, for a quick look while working on the reader (figures are rougher). */
  quick?: boolean;
  /** Which parts to run; all by default. */
  parts?: ReadonlySet<'gloss10k' | 'gloss100k' | 'peer'>;
}

export async function runBrowserBench(options: BrowserOptions = {}): Promise<BrowserResults> {
  const quick = options.quick ?? false;
  const wants = (part: 'gloss10k' | 'gloss100k' | 'peer') => !options.parts || options.parts.has(part);
  const tmp = tempDir('gloss-bench-pages-');
  const outDir = path.join(tmp.dir, 'dist');
  progress('browser: building the benchmark pages');
  await buildPages(outDir);
  const server = await serve(outDir);
  const browser = await launchChromium();
  const adds = quick ? 40 : Infinity;
  try {
    const glossUrl = `${server.url}/gloss.html`;
    const peerUrl = `${server.url}/peer.html`;
    const nan = NaN;
    const r: BrowserResults = {
      editor_open_ms_10k: nan,
      editor_add_p95_ms_10k: nan,
      editor_add_work_p95_ms_10k: nan,
      editor_open_ms_100k: nan,
      editor_add_work_p95_ms_100k: nan,
      editor_scroll_frame_p95_ms_10k: nan,
      edit_typing_p95_ms_10k: nan,
      peer_open_ms_10k: null,
      peer_add_p95_ms_10k: null,
      peer_add_work_p95_ms_10k: null,
      peer_version: JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', '@recogito', 'text-annotator', 'package.json'), 'utf8')).version,
      chromium: browser.version(),
      seed: BENCH_SEED,
      details: {
        editor_open_runs_ms_10k: [],
        editor_add_p50_ms_10k: nan,
        editor_add_work_p50_ms_10k: nan,
        editor_add_p95_ms_100k: nan,
        editor_add_work_p50_ms_100k: nan,
        editor_scroll_frame_p50_ms_10k: nan,
        editor_scroll_frames: 0,
        editor_additions: 0,
        edit_typing_p50_ms_10k: nan,
        edit_typed_characters: 0,
        editor_highlight_elements_10k: nan,
        editor_highlight_elements_100k: nan,
        peer_highlight_elements: null,
        peer_annotations_loaded: null,
        peer_add_p50_ms_10k: null,
        peer_add_work_p50_ms_10k: null,
      },
    };
    const d = r.details;

    if (wants('gloss10k')) {
      progress('browser: Gloss, 10,000 annotations');
      // Fresh pages, the median of five opens (single opens on this 2-core machine spread over a factor of two:
      // garbage collection of the just-generated data, the browser's other processes); the last page then
      // scrolls and takes the additions.
      let last: { page: Page; result: OpenResult } | undefined;
      for (let run = 0; run < (quick ? 1 : 5); run++) {
        await last?.page.close();
        last = await openDocument(browser, glossUrl, 10_000);
        d.editor_open_runs_ms_10k.push(last.result.openMs);
        progress(`  open: ${last.result.openMs.toFixed(0)} ms, ${last.result.highlightElements} highlight elements in the DOM`);
      }
      r.editor_open_ms_10k = median(d.editor_open_runs_ms_10k);
      d.editor_highlight_elements_10k = last!.result.highlightElements;
      const scroll = await last!.page.evaluate((frames) => window.bench.scroll!(frames), quick ? 200 : 600);
      r.editor_scroll_frame_p95_ms_10k = p95(scroll);
      d.editor_scroll_frame_p50_ms_10k = median(scroll);
      d.editor_scroll_frames = scroll.length;
      progress(`  scroll: frame p50 ${median(scroll).toFixed(1)} ms, p95 ${p95(scroll).toFixed(1)} ms over ${scroll.length} frames`);
      const added = await additions(last!.page, 'Gloss 10k', adds);
      d.editor_additions = added.length;
      r.editor_add_p95_ms_10k = p95(added.map((a) => a.latencyMs));
      r.editor_add_work_p95_ms_10k = p95(added.map((a) => a.workMs));
      d.editor_add_p50_ms_10k = median(added.map((a) => a.latencyMs));
      d.editor_add_work_p50_ms_10k = median(added.map((a) => a.workMs));
      progress(`  additions: to painted p50 ${d.editor_add_p50_ms_10k.toFixed(1)} p95 ${r.editor_add_p95_ms_10k.toFixed(1)} ms; work p50 ${d.editor_add_work_p50_ms_10k.toFixed(2)} p95 ${r.editor_add_work_p95_ms_10k.toFixed(2)} ms`);
      const typed = await typing(last!.page, quick ? 5 : 20);
      r.edit_typing_p95_ms_10k = p95(typed);
      d.edit_typing_p50_ms_10k = median(typed);
      d.edit_typed_characters = typed.length;
      progress(`  typing in edit mode: work per character p50 ${d.edit_typing_p50_ms_10k.toFixed(2)} p95 ${r.edit_typing_p95_ms_10k.toFixed(2)} ms over ${typed.length} characters`);
      await last!.page.close();
    }

    if (wants('gloss100k')) {
      progress('browser: Gloss, 100,000 annotations');
      const big = await openDocument(browser, glossUrl, 100_000);
      r.editor_open_ms_100k = big.result.openMs;
      d.editor_highlight_elements_100k = big.result.highlightElements;
      progress(`  open: ${big.result.openMs.toFixed(0)} ms, ${big.result.highlightElements} highlight elements in the DOM`);
      const added = await additions(big.page, 'Gloss 100k', adds);
      r.editor_add_work_p95_ms_100k = p95(added.map((a) => a.workMs));
      d.editor_add_p95_ms_100k = p95(added.map((a) => a.latencyMs));
      d.editor_add_work_p50_ms_100k = median(added.map((a) => a.workMs));
      progress(`  additions: to painted p95 ${d.editor_add_p95_ms_100k.toFixed(1)} ms; work p50 ${d.editor_add_work_p50_ms_100k.toFixed(2)} p95 ${r.editor_add_work_p95_ms_100k.toFixed(2)} ms`);
      await big.page.close();
    }

    if (wants('peer')) {
      progress(`browser: peer (@recogito/text-annotator ${r.peer_version}), 10,000 annotations`);
      try {
        const p = await openDocument(browser, peerUrl, 10_000, 300_000);
        r.peer_open_ms_10k = p.result.openMs;
        d.peer_highlight_elements = p.result.highlightElements;
        d.peer_annotations_loaded = p.result.annotations;
        progress(`  open: ${p.result.openMs.toFixed(0)} ms, ${p.result.highlightElements} highlight elements, ${p.result.annotations} annotations loaded`);
        const added = await additions(p.page, 'peer 10k', adds);
        r.peer_add_p95_ms_10k = p95(added.map((a) => a.latencyMs));
        r.peer_add_work_p95_ms_10k = p95(added.map((a) => a.workMs));
        d.peer_add_p50_ms_10k = median(added.map((a) => a.latencyMs));
        d.peer_add_work_p50_ms_10k = median(added.map((a) => a.workMs));
        progress(`  additions: to painted p50 ${d.peer_add_p50_ms_10k.toFixed(1)} p95 ${r.peer_add_p95_ms_10k.toFixed(1)} ms; work p50 ${d.peer_add_work_p50_ms_10k.toFixed(2)} p95 ${r.peer_add_work_p95_ms_10k.toFixed(2)} ms`);
        await p.page.close();
      } catch (err) {
        d.peer_note = `the peer did not finish: ${(err as Error).message.split('\n')[0]}`;
        progress(`  ${d.peer_note}`);
      }
    }
    return r;
  } finally {
    await browser.close();
    await server.close();
    tmp.cleanup();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  await writeResult(
    await runBrowserBench({
      quick: process.argv.includes('--quick'),
      ...(only ? { parts: new Set(only.split(',') as ('gloss10k' | 'gloss100k' | 'peer')[]) } : {}),
    }),
  );
}
