import fs from 'node:fs';
import { GlossError } from '../../../shared/index.ts';
import { exportJsonl } from '../../backend/export/jsonl.ts';
import { printJson, resolveDocuments, stringOption, type Command } from '../command.ts';

export const exportCommand: Command = {
  usage: 'export --format jsonl --out FILE [--docs DOC,...]',
  summary: 'export documents and their annotations',
  valued: ['format', 'out', 'docs'],
  async run(ctx) {
    const format = stringOption(ctx, 'format') ?? 'jsonl';
    const out = stringOption(ctx, 'out');
    if (format !== 'jsonl') throw new GlossError('unsupported', `export: unknown format "${format}" (known: jsonl)`);
    if (!out) throw new GlossError('validation', 'export: --out FILE is required');
    const project = await ctx.openProject();
    const docs = stringOption(ctx, 'docs');
    const ids = docs ? resolveDocuments(project, docs.split(',')) : undefined;
    // Written beside the target and renamed at the end: a failed export leaves no half-written file.
    const tmp = `${out}.partial`;
    const fd = fs.openSync(tmp, 'w');
    let n = 0;
    try {
      for (const line of exportJsonl(project, ids)) {
        fs.writeSync(fd, line);
        n++;
      }
    } catch (err) {
      fs.closeSync(fd);
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    fs.closeSync(fd);
    fs.renameSync(tmp, out);
    if (ctx.json) printJson({ format, out, documents: n });
    else process.stderr.write(`exported ${n} document(s) to ${out}\n`);
    return 0;
  },
};
