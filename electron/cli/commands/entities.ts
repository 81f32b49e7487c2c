import { call, printJson, type CommandRun } from '../command.ts';
import { printable } from '../escape.ts';

export const entitiesCommand: CommandRun = {
  async run(ctx) {
    const project = await ctx.openProject();
    const entities = (await call(project, 'entities.list', {})).map(({ entity, mentionCount, documents }) => ({
      id: entity.id,
      name: entity.name,
      type: entity.type,
      aliases: entity.aliases,
      externalId: entity.externalId,
      description: entity.description,
      mentionCount,
      documents: documents.map((d) => ({ ...d.document, mentions: d.count })),
    }));
    if (ctx.json) printJson(entities);
    else if (!entities.length) process.stdout.write('no entities\n');
    else {
      for (const e of entities) {
        const aka = e.aliases.length ? ` (also: ${e.aliases.map(printable).join(', ')})` : '';
        const qid = e.externalId ? ` [${printable(e.externalId)}]` : '';
        process.stdout.write(`${e.id}\t${printable(e.name)}${aka}${qid}\t${printable(e.type || '-')}\t${e.mentionCount} mention(s) in ${e.documents.length} document(s)\n`);
        for (const d of e.documents) process.stdout.write(`\t${d.mentions}\t${printable(d.name)}\t${printable(d.title)}\n`);
      }
    }
    return 0;
  },
};
