import { call, printJson, type CommandRun } from '../command.ts';
import { printable } from '../escape.ts';

export const propositionsCommand: CommandRun = {
  async run(ctx) {
    const project = await ctx.openProject();
    const overview = (await call(project, 'propositions.overview', {})).map((p) => ({
      id: p.proposition.id,
      text: p.proposition.text,
      note: p.proposition.note,
      claimCount: p.claimCount,
      documentCount: p.documentCount,
      stanceCounts: p.stanceCounts,
      claims: p.documents.flatMap((d) =>
        d.claims.map(({ claim, quote }) => ({
          id: claim.id,
          annotationId: claim.annotationId,
          document: d.document,
          stance: claim.stance,
          quote,
          attribution: claim.attribution,
          hedged: claim.hedged,
          reported: claim.reported,
          note: claim.note,
        })),
      ),
      documentStances: p.documents.flatMap((d) =>
        d.documentStance ? [{ document: d.document, stance: d.documentStance.stance, justification: d.documentStance.justification }] : [],
      ),
    }));
    if (ctx.json) printJson(overview);
    else if (!overview.length) process.stdout.write('no propositions\n');
    else {
      for (const p of overview) {
        const counts = Object.entries(p.stanceCounts).map(([s, n]) => `${n} ${printable(s)}`).join(', ');
        process.stdout.write(`${p.id}\t${printable(p.text)}\t${p.claimCount} claim(s)${counts ? ` (${counts})` : ''}\n`);
        for (const c of p.claims) {
          const flags = [c.hedged ? 'hedged' : '', c.reported ? 'reported' : ''].filter(Boolean).join(', ');
          process.stdout.write(`\t${printable(c.stance)}\t${printable(c.document.name)}\t“${printable(c.quote)}”${flags ? ` (${flags})` : ''}\n`);
        }
        for (const s of p.documentStances) process.stdout.write(`\t${printable(s.stance)}\t${printable(s.document.name)}\t(document stance)${s.justification ? ` ${printable(s.justification)}` : ''}\n`);
      }
    }
    return 0;
  },
};
