import { mergeProjects } from '../../backend/team/merge.ts';
import { printJson, type CommandRun } from '../command.ts';

export const mergeCommand: CommandRun = {
  async run(ctx) {
    const project = await ctx.openProject();
    const result = await mergeProjects(project, ctx.positionals);
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    if (ctx.json) {
      printJson(result);
      return 0;
    }
    const who = Object.entries(result.annotations).map(([a, n]) => `${a} ${n}`);
    process.stdout.write(
      [
        `merged ${result.files.length} project(s) into ${ctx.dbShown}`,
        `documents: ${result.documents.created} new, ${result.documents.matched} matched by text`,
        `annotations: ${result.counts.annotations}${who.length ? ` (${who.join(', ')})` : ''}`,
        `claim links ${result.counts.claims}, relations ${result.counts.relations}, new entities ${result.counts.entities}, new propositions ${result.counts.propositions}`,
        `conflicts: ${result.conflicts.length}`,
        ...result.conflicts.map((c) => `  ${c}`),
        ...(result.backup ? [`backup of the target before the merge: ${result.backup}`] : []),
      ].join('\n') + '\n',
    );
    return 0;
  },
};
