import { GlossError, ImportFormatSchema } from '../../../shared/index.ts';
import { importFiles } from '../../backend/interop/import.ts';
import { readImportPaths } from '../../backend/interop/sources.ts';
import { printJson, stringOption, type CommandRun } from '../command.ts';
import { progressReporter } from '../progress.ts';
import { printable } from '../escape.ts';

export const importCommand: CommandRun = {
  async run(ctx) {
    if (!ctx.positionals.length) throw new GlossError('validation', 'import: name at least one file or folder');
    const raw = stringOption(ctx, 'format') ?? 'auto';
    const parsed = ImportFormatSchema.safeParse(raw);
    if (!parsed.success) throw new GlossError('validation', `import: unknown format "${raw}" (known: ${ImportFormatSchema.options.join(', ')})`);
    const format = parsed.data;
    const files = readImportPaths(ctx.positionals, format);
    const project = await ctx.openProject();
    const progress = progressReporter({ force: ctx.options.has('progress'), tty: Boolean(process.stderr.isTTY) });
    // Ctrl-C stops at the next file; nothing of the batch is stored.
    const controller = new AbortController();
    const stop = () => controller.abort(new GlossError('import', 'import cancelled; nothing was stored'));
    process.once('SIGINT', stop);
    let result;
    try {
      result = await importFiles(project, files, format, { onProgress: progress.onProgress, signal: controller.signal, skipBad: ctx.options.has('skip-bad') });
    } finally {
      process.off('SIGINT', stop);
      progress.done();
    }
    const { documents, annotated, counts, warnings, skipped } = result;
    for (const w of warnings) process.stderr.write(`warning: ${printable(w)}\n`);
    for (const s of skipped) process.stderr.write(`skipped: ${printable(s.message.startsWith(s.file) ? s.message : `${s.file}: ${s.message}`)}\n`);
    if (ctx.json) {
      // With --skip-bad the answer also lists what was left out; without it, the documents alone (as always).
      printJson(ctx.options.has('skip-bad') ? { documents, skipped } : documents);
      return 0;
    }
    const extra = [
      counts.annotations && `${counts.annotations} annotation(s)`,
      counts.relations && `${counts.relations} relation(s)`,
      counts.events && `${counts.events} event(s)`,
      counts.claims && `${counts.claims} claim link(s)`,
      counts.entities && `${counts.entities} new entit${counts.entities === 1 ? 'y' : 'ies'}`,
      counts.propositions && `${counts.propositions} new proposition(s)`,
    ].filter(Boolean);
    process.stderr.write(
      `imported ${documents.length} document(s)${extra.length ? ` with ${extra.join(', ')}` : ''}${annotated.length ? `; annotated ${annotated.length} existing document(s)` : ''}${skipped.length ? `; skipped ${skipped.length} bad file(s), listed above` : ''}\n`,
    );
    for (const d of documents) process.stdout.write(`${d.id}\t${printable(d.name)}\t${printable(d.title)}\n`);
    return 0;
  },
};
