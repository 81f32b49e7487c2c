import fs from 'node:fs';
import path from 'node:path';
import { ExportFormatSchema, GlossError } from '../../../shared/index.ts';
import { exportDocuments } from '../../backend/interop/export.ts';
import { call, printJson, resolveDocuments, stringOption, type CommandRun } from '../command.ts';
import { progressReporter } from '../progress.ts';
import { printable } from '../escape.ts';

export const exportCommand: CommandRun = {
  async run(ctx) {
    const raw = stringOption(ctx, 'format') ?? 'jsonl';
    const parsed = ExportFormatSchema.safeParse(raw);
    if (!parsed.success) throw new GlossError('unsupported', `export: unknown format "${raw}" (known: ${ExportFormatSchema.options.join(', ')})`);
    const format = parsed.data;
    const out = stringOption(ctx, 'out');
    if (!out) throw new GlossError('validation', 'export: --out PATH is required');
    const project = await ctx.openProject();
    const docs = stringOption(ctx, 'docs');
    const ids = docs ? await resolveDocuments(project, docs.split(',')) : undefined;
    const labelList = stringOption(ctx, 'labels');
    const labels = labelList !== undefined ? labelList.split(',').map((l) => l.trim()).filter(Boolean) : undefined;
    if (labels && !['conll', 'spacy', 'hf'].includes(format)) throw new GlossError('validation', `export: --labels applies to conll, spacy and hf, not ${format}`);
    if (labels) {
      const known = new Set((await call(project, 'labels.list', {})).map((l) => l.name));
      const unknown = labels.filter((l) => !known.has(l));
      if (unknown.length) throw new GlossError('validation', `export: no label named ${unknown.map((l) => `"${l}"`).join(', ')} (labels: ${[...known].join(', ')})`);
    }
    const progress = progressReporter({ force: ctx.options.has('progress'), tty: Boolean(process.stderr.isTTY) });
    let artifact;
    try {
      const annotator = stringOption(ctx, 'annotator');
      artifact = exportDocuments(project, format, { documentIds: ids, ...(labels ? { labels } : {}), onProgress: progress.onProgress, ...(annotator ? { annotator } : {}) });
    } finally {
      progress.done();
    }
    // Written beside the target and renamed at the end: a failed export leaves nothing half-written.
    const tmp = `${out}.partial`;
    fs.rmSync(tmp, { recursive: true, force: true });
    try {
      if (artifact.kind === 'folder') {
        if (fs.existsSync(out) && (!fs.statSync(out).isDirectory() || fs.readdirSync(out).length)) {
          throw new GlossError('conflict', `export: ${out} already exists and is not an empty folder; name a new folder for the brat files`);
        }
        for (const f of artifact.files) {
          const target = path.join(tmp, f.path);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, f.data);
        }
        fs.rmSync(out, { recursive: true, force: true });
      } else fs.writeFileSync(tmp, artifact.data);
      fs.renameSync(tmp, out);
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
    for (const w of artifact.warnings) process.stderr.write(`warning: ${printable(w)}\n`);
    const n = ids?.length ?? (await call(project, 'documents.list', {})).length;
    if (ctx.json) printJson({ format, out, documents: n, warnings: artifact.warnings });
    else process.stderr.write(`exported ${n} document(s) to ${printable(out)}${artifact.kind === 'folder' ? ` (${artifact.files.length} files)` : ''}\n`);
    return 0;
  },
};
