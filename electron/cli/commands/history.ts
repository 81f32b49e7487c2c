import { describeChange, GlossError, HISTORY_PAGE_MAX, toApiError, type ChangeEntry } from '../../../shared/index.ts';
import { call, printJson, resolveDocuments, stringOption, type CommandRun } from '../command.ts';
import type { Project } from '../../backend/project.ts';
import { printable } from '../escape.ts';

/** The most entries `--limit` may ask for. */
const LIMIT_MAX = 100_000;

/**
 * `gloss history DOC`: how a document came to be, newest change first: when,
 * who, what was done to what, and a short before → after, one line each.
 * DOC is an id, name or title; a deleted document's history is found by its id.
 */
export const historyCommand: CommandRun = {
  async run(ctx) {
    const [key, ...extra] = ctx.positionals;
    if (!key || extra.length) throw new GlossError('validation', 'history: give one document (id, name or title)');
    const limitText = stringOption(ctx, 'limit');
    const limit = limitText === undefined ? 100 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMIT_MAX) throw new GlossError('validation', `history: --limit must be a number from 1 to ${LIMIT_MAX}`);
    const project = await ctx.openProject();
    const documentId = await documentOf(project, key);
    const entries: ChangeEntry[] = [];
    let cursor: number | undefined;
    let more = true;
    while (more && entries.length < limit) {
      const page = await call(project, 'history.document', { documentId, limit: Math.min(HISTORY_PAGE_MAX, limit - entries.length), ...(cursor !== undefined ? { cursor } : {}) });
      entries.push(...page.entries);
      more = page.nextCursor !== null;
      cursor = page.nextCursor ?? undefined;
    }
    if (ctx.json) {
      printJson(entries);
      return 0;
    }
    for (const e of entries) {
      const fields = [new Date(e.at).toISOString(), e.actor, e.op, e.kind, describeChange(e), e.via ?? ''];
      process.stdout.write(`${fields.map(printable).join('\t')}\n`);
    }
    process.stderr.write(`${entries.length} change(s)${more ? `; older ones with --limit ${Math.min(LIMIT_MAX, limit * 10)}` : ''}\n`);
    return 0;
  },
};

/** The document `key` names; a key no document has is taken as the id of a deleted one when the log knows it. */
async function documentOf(project: Project, key: string): Promise<string> {
  try {
    return (await resolveDocuments(project, [key]))[0]!;
  } catch (err) {
    if (toApiError(err).kind !== 'not_found') throw err;
    const known = await call(project, 'history.document', { documentId: key, limit: 1 });
    if (known.entries.length) return key;
    throw err;
  }
}
