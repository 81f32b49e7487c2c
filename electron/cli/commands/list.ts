import { printJson, type CommandRun } from '../command.ts';

export const listCommand: CommandRun = {
  async run(ctx) {
    const docs = (await ctx.openProject()).documents.list();
    if (ctx.json) printJson(docs);
    else if (!docs.length) process.stdout.write('no documents\n');
    else for (const d of docs) process.stdout.write(`${d.id}\t${d.name}\t${d.annotationCount} annotations\t${d.title}\n`);
    return 0;
  },
};
