import { GlossError, ImportFormatSchema, utf16ToCodePointMany, type VersionReport } from '../../../shared/index.ts';
import { readImportPaths } from '../../backend/interop/sources.ts';
import { updateFromFile } from '../../backend/versions/index.ts';
import { call, printJson, resolveDocuments, stringOption, type CommandRun } from '../command.ts';

/**
 * `gloss update DOC FILE`: FILE's text becomes DOC's next version and every
 * annotation is re-anchored. With --json, one object whose offsets count code
 * points of the new text (null for orphans).
 */
export const updateCommand: CommandRun = {
  async run(ctx) {
    if (ctx.positionals.length !== 2) throw new GlossError('validation', 'update: name a document (id, name or title) and a file: gloss update DOC FILE');
    const [key, file] = ctx.positionals as [string, string];
    const raw = stringOption(ctx, 'format') ?? 'auto';
    const parsed = ImportFormatSchema.safeParse(raw);
    if (!parsed.success) throw new GlossError('validation', `update: unknown format "${raw}" (known: auto, txt, md, html, pdf, docx)`);
    const summary = stringOption(ctx, 'summary');
    const project = await ctx.openProject();
    let documentId: string | undefined;
    try {
      [documentId] = await resolveDocuments(project, [key]);
    } catch (err) {
      throw err instanceof GlossError ? new GlossError(err.kind, `${file}: ${err.message}; nothing was changed`) : err;
    }
    const sources = readImportPaths([file], parsed.data);
    if (sources.length !== 1) throw new GlossError('validation', `${file}: name one file, not a folder`);
    const report = await updateFromFile(project, documentId!, sources[0]!, { format: parsed.data, summary });
    const { text } = await call(project, 'documents.get', { id: documentId! });
    const out = inCodePoints(report, text);
    if (ctx.json) {
      printJson(out);
      return 0;
    }
    const c = out.counts;
    process.stderr.write(`${key}: version ${out.version}: ${c.kept} kept, ${c.moved} moved, ${c.changed} changed, ${c.orphaned} orphaned\n`);
    for (const a of out.annotations) {
      if (a.status === 'kept') continue;
      const where = a.start === null ? 'orphaned' : `${a.status} [${a.start}, ${a.end})`;
      process.stdout.write(`${a.id}\t${a.label}\t${where}\t${oneLine(a.quote)}${a.newQuote !== null && a.newQuote !== a.quote ? ` → ${oneLine(a.newQuote)}` : ''}\n`);
    }
    return 0;
  },
};

/** The report with offsets in code points of the new text, in exactly the documented shape. */
function inCodePoints(report: VersionReport, text: string): VersionReport {
  const offsets = report.annotations.flatMap((a) => (a.start === null || a.end === null ? [] : [a.start, a.end]));
  const cps = utf16ToCodePointMany(text, offsets);
  let k = 0;
  return {
    document: report.document,
    version: report.version,
    counts: { kept: report.counts.kept, moved: report.counts.moved, changed: report.counts.changed, orphaned: report.counts.orphaned },
    annotations: report.annotations.map((a) => ({
      id: a.id,
      label: a.label,
      status: a.status,
      quote: a.quote,
      newQuote: a.newQuote,
      start: a.start === null ? null : cps[k++]!,
      end: a.end === null ? null : cps[k++]!,
    })),
  };
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
}
