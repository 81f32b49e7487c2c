import { GlossError } from '../../../shared/index.ts';
import { call, printJson, resolveDocuments, stringOption, type CommandRun } from '../command.ts';

/** `gloss assign DOC... --to NAME [--remove]`: which documents a team server's annotator works on. */
export const assignCommand: CommandRun = {
  async run(ctx) {
    const to = stringOption(ctx, 'to');
    if (!to || !ctx.positionals.length) throw new GlossError('validation', 'usage: gloss assign DOC... --to NAME [--remove]');
    const project = await ctx.openProject();
    const documentIds = await resolveDocuments(project, ctx.positionals);
    const remove = ctx.options.get('remove') === true;
    const { changed } = await call(project, 'team.assign', { documentIds, to, remove });
    if (ctx.json) printJson({ to, documentIds, remove, changed });
    else process.stdout.write(`${remove ? 'unassigned' : 'assigned'} ${changed} document(s) ${remove ? 'from' : 'to'} ${to}\n`);
    return 0;
  },
};
