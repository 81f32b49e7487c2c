import { call, printJson, type CommandRun } from '../command.ts';
import { printable } from '../escape.ts';

export const listCommand: CommandRun = {
  async run(ctx) {
    const docs = await call(await ctx.openProject(), 'documents.list', {});
    if (ctx.json) printJson(docs);
    else if (!docs.length) process.stdout.write('no documents\n');
    else for (const d of docs) process.stdout.write(`${d.id}\t${printable(d.name)}\t${d.annotationCount} annotations\t${printable(d.title)}\n`);
    return 0;
  },
};
