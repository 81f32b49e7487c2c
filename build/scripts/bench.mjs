#!/usr/bin/env node
// `npm run bench`: Gloss's performance figures against their targets.
//
//   npm run bench                  both halves; progress on stderr, a Markdown table on stdout
//   npm run -s bench -- --json     the same, but exactly one JSON object on stdout (-s: npm
//                                  itself prints a banner on stdout otherwise; the table goes to stderr)
//   npm run bench -- --quick       smaller runs for a quick look (not comparable with the targets)
//   npm run bench -- --only=node   or --only=browser: one half
//   npm run bench -- --team        only the lab under load: 20 annotators writing through
//                                  `gloss serve` for 60 s, then a kill -9 mid-run (tests/bench/load-bench.ts)
//
// The Node half (tests/bench/node-bench.ts) times the backend on real SQLite
// files; the browser half (tests/bench/browser-bench.ts) times the reader and
// its peer, @recogito/text-annotator, in Debian's headless Chromium. Each runs
// in a child process of its own, from data generated with a fixed seed
// (tests/bench/generate.ts). The last run is also kept in bench-results/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const team = args.includes('--team');
for (const a of args) {
  if (!['--json', '--quick', '--team'].includes(a) && !/^--only=(node|browser)$/.test(a)) {
    process.stderr.write(`bench: unknown option ${a} (use --json, --quick, --team, --only=node or --only=browser)\n`);
    process.exit(2);
  }
}

/** Runs one half in its own Node process (TypeScript through tsx) and returns its JSON result. */
function runHalf(file) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gloss-bench-out-')), 'result.json');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'tests', 'bench', file), '--out', out, ...(quick ? ['--quick'] : [])], {
    cwd: REPO_ROOT,
    // The halves write progress to stderr; anything on their stdout goes there too, keeping ours for the result.
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.pipe(process.stderr);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`${file} failed (${signal ?? `exit code ${code}`})`));
      const result = JSON.parse(fs.readFileSync(out, 'utf8'));
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
      resolve(result);
    });
  });
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

// The CLI start-up is measured on the compiled CLI, as installed.
{
  const { buildNode } = await import('./build.mjs');
  await buildNode();
}

if (team) {
  const started = new Date();
  const { runs } = await runHalf('load-bench.ts');
  const ms = (v) => `${v.toFixed(1)} ms`;
  const met = (ok) => (ok ? 'yes' : '**no**');
  /** One row: its label, its figure on each engine, the target, and whether every engine met it. */
  const row = (label, figure, target = '—', ok) => [label, ...runs.map(figure), target, ok ? met(runs.every(ok)) : ''];
  const r = runs[0];
  const rows = [
    row(`Writes acknowledged (${r.annotators} annotators × ${r.writes_per_second_each}/s, ${r.seconds} s, ${r.documents} documents)`, (x) => String(x.writes_acknowledged)),
    row('Write latency p50 (`write_p50_ms`)', (x) => ms(x.write_p50_ms)),
    row('Write latency p95 (`write_p95_ms`)', (x) => ms(x.write_p95_ms), '< 50 ms (issue 16)', (x) => x.write_p95_ms < 50),
    row('Write latency p99 (`write_p99_ms`)', (x) => ms(x.write_p99_ms)),
    row('Errors (`errors`)', (x) => String(x.errors), '0', (x) => x.errors === 0),
    row('Acknowledged writes lost (`lost_acknowledged`)', (x) => String(x.lost_acknowledged), '0', (x) => x.lost_acknowledged === 0),
    row('kill -9 mid-run: writes acknowledged before the kill', (x) => String(x.kill_run.acknowledged_before_kill)),
    row('kill -9 mid-run: annotations checked / lost', (x) => `${x.kill_run.checked} / ${x.kill_run.lost + x.kill_run.resurrected}`, '0 lost', (x) => x.kill_run.lost + x.kill_run.resurrected === 0),
    row(`Project of ${r.scale.documents.toLocaleString('en-US')} documents, ${r.scale.annotations.toLocaleString('en-US')} annotations: built (PostgreSQL: copied) in`, (x) => `${x.scale.build_s.toFixed(0)} s`),
    row('Open a document with 200 annotations over HTTP, p95 (`scale.open_200_p95_ms`)', (x) => ms(x.scale.open_200_p95_ms), '< 100 ms', (x) => x.scale.open_200_p95_ms < 100),
    row('Agreement, 2 annotators × 1,000 documents (`scale.agreement_2x1000_ms`)', (x) => ms(x.scale.agreement_2x1000_ms), '< 5,000 ms', (x) => x.scale.agreement_2x1000_ms < 5000),
    row('Full-text search p95 (`scale.search_p95_ms`)', (x) => ms(x.scale.search_p95_ms), '< 100 ms', (x) => x.scale.search_p95_ms < 100),
  ];
  const m = machine();
  const markdown = [
    '## Lab under load (`npm run bench -- --team`)',
    '',
    `${started.toISOString().slice(0, 10)}: ${m.cpu}, ${m.cores} cores, Node ${m.node}${quick ? ' (--quick: 10 s instead of 60 s)' : ''}.`,
    '',
    `| Figure | ${runs.map((x) => x.engine).join(' | ')} | Target | Met |`,
    `| --- | ${runs.map(() => '---:').join(' | ')} | --- | :---: |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n') + '\n';
  const keep = path.join(REPO_ROOT, 'bench-results');
  fs.mkdirSync(keep, { recursive: true });
  fs.writeFileSync(path.join(keep, 'team.json'), JSON.stringify({ runs, date: started.toISOString(), machine: m, quick }, null, 2) + '\n');
  fs.writeFileSync(path.join(keep, 'team.md'), markdown);
  if (json) {
    process.stderr.write(`\n${markdown}`);
    process.stdout.write(JSON.stringify({ runs }) + '\n');
  } else process.stdout.write(markdown);
  process.exit(0);
}

const started = new Date();
const loadBefore = os.loadavg()[0];
const t0 = performance.now();
const node = only === 'browser' ? {} : await runHalf('node-bench.ts');
const browser = only === 'node' ? {} : await runHalf('browser-bench.ts');
const seconds = (performance.now() - t0) / 1000;

const value = (v) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) / 100 : null);
const result = {
  editor_open_ms_10k: value(browser.editor_open_ms_10k),
  editor_add_p95_ms_10k: value(browser.editor_add_p95_ms_10k),
  editor_add_work_p95_ms_10k: value(browser.editor_add_work_p95_ms_10k),
  editor_open_ms_100k: value(browser.editor_open_ms_100k),
  editor_add_work_p95_ms_100k: value(browser.editor_add_work_p95_ms_100k),
  editor_scroll_frame_p95_ms_10k: value(browser.editor_scroll_frame_p95_ms_10k),
  edit_typing_p95_ms_10k: value(browser.edit_typing_p95_ms_10k),
  peer_open_ms_10k: value(browser.peer_open_ms_10k),
  peer_add_p95_ms_10k: value(browser.peer_add_p95_ms_10k),
  peer_add_work_p95_ms_10k: value(browser.peer_add_work_p95_ms_10k),
  import_docs_per_s: value(node.import_docs_per_s),
  fts_p95_ms_100k: value(node.fts_p95_ms_100k),
  save_p95_ms: value(node.save_p95_ms),
  export_100k_ms: value(node.export_100k_ms),
  export_brat_100k_ms: value(node.export_brat_100k_ms),
  compare_run_ms_4x2000: value(node.compare_run_ms_4x2000),
  agreement_ms_2x1000x50: value(node.agreement_ms_2x1000x50),
  merge_ms_100k_into_100k: value(node.merge_ms_100k_into_100k),
  reanchor_ms_10k: value(node.reanchor_ms_10k),
  version_save_ms_10k: value(node.version_save_ms_10k),
  cli_list_ms: value(node.cli_list_ms),
  cli_bare_open_ms: value(node.cli_bare_open_ms),
  cli_list_ratio: value(node.cli_list_ratio),
  run: {
    date: started.toISOString(),
    seconds: Math.round(seconds),
    quick,
    seed: browser.seed ?? node.seed ?? null,
    machine: { ...machine(), chromium: browser.chromium ?? null },
    load_average_1m: { before: value(loadBefore), after: value(os.loadavg()[0]) },
    peer: browser.peer_version ? `@recogito/text-annotator ${browser.peer_version}` : null,
  },
  details: { node: node.details ?? null, browser: browser.details ?? null },
};

const TARGETS = [
  ['editor_open_ms_10k', 'Reader: open 1 MB, 10,000 annotations, until painted', 'ms', (r) => r.editor_open_ms_10k < 100 && r.peer_open_ms_10k != null && r.peer_open_ms_10k >= 10 * r.editor_open_ms_10k, '< 100 (issue 15) and ≥ 10× faster than the peer'],
  ['editor_add_p95_ms_10k', 'Reader: hotkey to new highlight painted, p95 (10k)', 'ms', (r) => r.editor_add_p95_ms_10k <= 34, '≤ 34'],
  ['editor_add_work_p95_ms_10k', 'Reader: addition work + forced layout, p95 (10k)', 'ms', (r) => r.editor_add_work_p95_ms_10k <= 2, '≤ 2 (issue 15)'],
  ['editor_open_ms_100k', 'Reader: open with 100,000 annotations', 'ms', (r) => r.editor_open_ms_100k < 3000, '< 3000'],
  ['editor_add_work_p95_ms_100k', 'Reader: addition work + forced layout, p95 (100k)', 'ms', (r) => r.editor_add_work_p95_ms_100k < 16, '< 16'],
  ['editor_scroll_frame_p95_ms_10k', 'Reader: frame time scrolling through the document, p95', 'ms', null, '—'],
  ['edit_typing_p95_ms_10k', 'Reader, Edit text: work per typed character (annotations mapped, laid out), p95 (10k)', 'ms', (r) => r.edit_typing_p95_ms_10k < 16, '< 16'],
  ['peer_open_ms_10k', 'Peer: open, same document and annotations', 'ms', null, '—'],
  ['peer_add_p95_ms_10k', 'Peer: hotkey to new highlight painted, p95', 'ms', null, '—'],
  ['peer_add_work_p95_ms_10k', 'Peer: addition work + forced layout, p95', 'ms', null, '—'],
  ['import_docs_per_s', 'Import 10,000 articles of ~3 kB, full-text index included', 'docs/s', (r) => r.import_docs_per_s >= 2000, '≥ 2000'],
  ['fts_p95_ms_100k', 'Full-text query over 100,000 documents, p95', 'ms', (r) => r.fts_p95_ms_100k < 50, '< 50'],
  ['save_p95_ms', 'Save one annotation (synchronous=FULL, WAL), p95', 'ms', (r) => r.save_p95_ms < 5, '< 5'],
  ['export_100k_ms', 'Export 100,000 annotations to W3C JSON-LD', 'ms', (r) => r.export_100k_ms < 2000, '< 2000'],
  ['export_brat_100k_ms', 'Export 100,000 annotations to brat', 'ms', null, '—'],
  ['compare_run_ms_4x2000', 'Compare 4 documents of 100 kB with 2,000 annotations each (warm median)', 'ms', null, '—'],
  ['agreement_ms_2x1000x50', 'Agreement: 2 annotators × 1,000 documents × 50 annotations, every figure (`gloss agreement`)', 'ms', (r) => r.agreement_ms_2x1000x50 < 2000, '< 2000'],
  ['merge_ms_100k_into_100k', 'Merge a project of 100,000 annotations into one of 100,000 (`gloss merge`)', 'ms', (r) => r.merge_ms_100k_into_100k < 10000, '< 10000'],
  ['reanchor_ms_10k', 'Re-anchor 10,000 annotations on 1 MB after 100 scattered edits and a moved paragraph (median)', 'ms', (r) => r.reanchor_ms_10k < 500, '< 500'],
  ['version_save_ms_10k', 'Save that as a new version: parse, re-anchor, one transaction (text, offsets, index, versions)', 'ms', null, '—'],
  ['cli_list_ms', '`gloss list --json` on a 5-document project, compiled CLI (median)', 'ms', null, '—'],
  ['cli_bare_open_ms', 'Bare `node -e` opening the same file with better-sqlite3 (median)', 'ms', null, '—'],
  ['cli_list_ratio', 'CLI start-up: `gloss list` ÷ bare node', '×', (r) => r.cli_list_ratio <= 3, '≤ 3'],
];

function table(r) {
  const m = r.run.machine;
  const lines = [
    '## Performance',
    '',
    `\`npm run bench\` on ${r.run.date.slice(0, 10)}: ${m.cpu}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.os}, Node ${m.node}, Chromium ${m.chromium ?? '—'}; ` +
      `load average ${r.run.load_average_1m.before ?? '—'} before, ${r.run.load_average_1m.after ?? '—'} after; ${r.run.seconds} s${r.run.quick ? ' (--quick: not comparable with the targets)' : ''}. ` +
      `Peer: ${r.run.peer ?? '—'}.`,
    '',
    '| Figure | Measured | Target | Met |',
    '| --- | ---: | --- | :---: |',
  ];
  for (const [key, label, unit, met, target] of TARGETS) {
    const v = r[key];
    const shown = v == null ? '—' : `${v.toLocaleString('en-US', { maximumFractionDigits: unit === 'docs/s' ? 0 : v < 10 ? 2 : 1 })} ${unit}`;
    const ok = met && v != null ? (met(r) ? 'yes' : '**no**') : '';
    lines.push(`| ${label} (\`${key}\`) | ${shown} | ${target} | ${ok} |`);
  }
  if (r.editor_open_ms_10k && r.peer_open_ms_10k) lines.push('', `The reader opens ${(r.peer_open_ms_10k / r.editor_open_ms_10k).toFixed(1)}× faster than the peer in this run.`);
  const notes = [r.details.node?.export_note, r.details.browser?.peer_note].filter(Boolean);
  for (const n of notes) lines.push('', `Note: ${n}.`);
  return lines.join('\n') + '\n';
}

const markdown = table(result);
const keep = path.join(REPO_ROOT, 'bench-results');
fs.mkdirSync(keep, { recursive: true });
fs.writeFileSync(path.join(keep, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
fs.writeFileSync(path.join(keep, 'latest.md'), markdown);
if (json) {
  process.stderr.write(`\n${markdown}`);
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  process.stdout.write(markdown);
}
