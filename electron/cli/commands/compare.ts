import fs from 'node:fs';
import { GlossError, type CompareResult } from '../../../shared/index.ts';
import { compareDocuments, exportComparison } from '../../backend/compare/index.ts';
import { call, printJson, resolveDocuments, stringOption, type CommandRun } from '../command.ts';
import { printable } from '../escape.ts';

export const compareCommand: CommandRun = {
  async run(ctx) {
    const project = await ctx.openProject();
    const ids = ctx.positionals.length ? await resolveDocuments(project, ctx.positionals) : (await call(project, 'documents.list', {})).map((d) => d.id);
    if (!ids.length) throw new GlossError('validation', 'compare: the project has no documents; import some first');
    const format = stringOption(ctx, 'format');
    const out = stringOption(ctx, 'out');
    if (format !== undefined) {
      if (format !== 'csv' && format !== 'html') throw new GlossError('unsupported', `compare: unknown format "${format}" (known: csv, html)`);
      if (!out) throw new GlossError('validation', 'compare: --format needs --out FILE');
      const file = exportComparison(project, ids, format);
      // Written beside the target and renamed: a failed export leaves no half-written file.
      const tmp = `${out}.partial`;
      try {
        fs.writeFileSync(tmp, file.content);
        fs.renameSync(tmp, out);
      } catch (err) {
        fs.rmSync(tmp, { force: true });
        throw new GlossError('internal', `${out}: cannot write the comparison: ${(err as Error).message}`);
      }
      if (ctx.json) printJson({ format, out, documents: ids.length, bytes: Buffer.byteLength(file.content) });
      else process.stderr.write(`wrote the comparison of ${ids.length} document(s) to ${printable(out)}\n`);
      return 0;
    }
    if (out !== undefined) throw new GlossError('validation', 'compare: --out needs --format csv or html');
    const result = compareDocuments(project, ids);
    if (ctx.json) printJson(result);
    else process.stdout.write(summary(result));
    return 0;
  },
};

/** A short plain-text account of a comparison for the terminal. */
function summary(r: CompareResult): string {
  const name = new Map(r.documents.map((d) => [d.id, printable(d.name)]));
  const lines = [`${r.documents.length} document(s): ${r.documents.map((d) => printable(d.name)).join(', ')}`];
  const contested = r.propositions.filter((p) => p.contested);
  lines.push(`${r.propositions.length} proposition(s), ${contested.length} contested`);
  for (const p of r.propositions) {
    const cells = p.stances.filter((c) => c.stance !== null).map((c) => `${name.get(c.document)}: ${printable(c.stance)}`);
    lines.push(`  ${p.contested ? '!' : ' '} ${printable(p.text)} — ${cells.join('; ')}`);
  }
  lines.push(`${r.entities.shared.length} shared entit${r.entities.shared.length === 1 ? 'y' : 'ies'}${r.entities.shared.length ? `: ${r.entities.shared.map((e) => printable(e.name)).join(', ')}` : ''}`);
  lines.push(`${r.reusedPassages.length} reused passage(s)`);
  for (const p of r.reusedPassages) {
    lines.push(`  ${Math.round(p.similarity * 100)}% ${p.occurrences.map((o) => `${name.get(o.document)} [${o.start}, ${o.end})`).join(' ~ ')}`);
  }
  return lines.join('\n') + '\n';
}
