import { GlossError, ImportFormatSchema } from '../../../shared/index.ts';
import { importSources, readSources } from '../../backend/import/index.ts';
import { printJson, stringOption, type Command } from '../command.ts';

export const importCommand: Command = {
  usage: 'import PATH... [--format auto|txt|md|html] [--json]',
  summary: 'import files and folders, all or nothing',
  valued: ['format'],
  async run(ctx) {
    if (!ctx.positionals.length) throw new GlossError('validation', 'import: name at least one file or folder');
    const format = ImportFormatSchema.parse(stringOption(ctx, 'format') ?? 'auto');
    const sources = readSources(ctx.positionals, format);
    const project = await ctx.openProject();
    const showProgress = sources.length > 1 && process.stderr.isTTY;
    const docs = await importSources(project, sources, format, (p) => {
      if (showProgress) process.stderr.write(`\rparsing ${p.done}/${p.total} ${p.done === p.total ? '\n' : ''}`);
    });
    if (!ctx.json) process.stderr.write(`imported ${docs.length} document(s)\n`);
    if (ctx.json) printJson(docs);
    else for (const d of docs) process.stdout.write(`${d.id}\t${d.name}\t${d.title}\n`);
    return 0;
  },
};
