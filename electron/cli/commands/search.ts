import { GlossError } from '../../../shared/index.ts';
import { searchAnnotations } from '../../backend/search/annotations.ts';
import { call, printJson, stringOption, type CommandRun } from '../command.ts';

/**
 * `gloss search QUERY`: documents by title and text, or with --annotations
 * (or --label) annotations by quote, note, entity, proposition and label, in
 * the app's query language.
 */
export const searchCommand: CommandRun = {
  async run(ctx) {
    const query = ctx.positionals.join(' ');
    const label = stringOption(ctx, 'label');
    const limitText = stringOption(ctx, 'limit');
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 5000)) throw new GlossError('validation', 'search: --limit must be a number from 1 to 5000');
    const project = await ctx.openProject();
    if (ctx.options.has('annotations') || label !== undefined) {
      const result = searchAnnotations(project, { query, label, limit: limit ?? 200 });
      if (ctx.json) {
        printJson(result);
        return 0;
      }
      for (const h of result.hits) {
        const extra = [h.entity && `entity: ${h.entity.name}`, ...h.propositions.map((p) => `${p.stance}: ${p.text}`), h.annotation.note && `note: ${h.annotation.note}`].filter(Boolean);
        process.stdout.write(`${h.document.title}\t${h.label.name}\t${oneLine(h.annotation.quote)}${extra.length ? `\t${oneLine(extra.join('; '))}` : ''}\n`);
      }
      process.stderr.write(`${result.total} annotation(s)${result.total > result.hits.length ? `, ${result.hits.length} shown` : ''}\n`);
      return 0;
    }
    if (!query.trim()) throw new GlossError('validation', 'search: give words to search for (or --label L for every annotation with that label)');
    const hits = await call(project, 'documents.search', { query, limit: limit ?? 100 });
    if (ctx.json) {
      printJson(hits);
      return 0;
    }
    for (const h of hits) process.stdout.write(`${h.document.id}\t${h.document.title}\t${oneLine(h.snippet.replace(/[\ue000\ue001]/g, '*'))}\n`);
    process.stderr.write(`${hits.length} document(s)\n`);
    return 0;
  },
};

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
