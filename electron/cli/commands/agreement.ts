import type { AgreementReport, SpanFigures, TokenFigures } from '../../../shared/index.ts';
import { projectAgreement } from '../../backend/agreement/load.ts';
import { printJson, resolveDocuments, stringOption, type CommandRun } from '../command.ts';

export const agreementCommand: CommandRun = {
  async run(ctx) {
    const project = await ctx.openProject();
    const list = (name: string) => stringOption(ctx, name)?.split(',').map((s) => s.trim()).filter(Boolean);
    const report = projectAgreement(project, {
      documentIds: ctx.positionals.length ? await resolveDocuments(project, ctx.positionals) : undefined,
      annotators: list('annotators'),
      labels: list('labels'),
    });
    if (ctx.json) printJson(report);
    else process.stdout.write(formatReport(report));
    return 0;
  },
};

const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(3));

/** A plain-text summary: the span table per label, the token layers and stances, per pair. */
function formatReport(r: AgreementReport): string {
  const lines = [`${r.documents} document(s); annotators: ${r.annotators.join(', ')}`];
  const spanRow = (name: string, s: SpanFigures) =>
    `  ${name.padEnd(16)} ${String(s.a).padStart(6)} ${String(s.b).padStart(6)}  ${fmt(s.exact.precision)} ${fmt(s.exact.recall)} ${fmt(s.exact.f1)}   ${fmt(s.overlap.precision)} ${fmt(s.overlap.recall)} ${fmt(s.overlap.f1)}`;
  const tokenRow = (name: string, t: TokenFigures) => `  ${name.padEnd(16)} ${String(t.items).padStart(8)}  κ ${fmt(t.cohenKappa)}  Fleiss ${fmt(t.fleissKappa)}  α ${fmt(t.krippendorffAlpha)}`;
  for (const p of r.pairs) {
    lines.push('', `${p.annotators[0]} (reference) × ${p.annotators[1]}`, `  ${'label'.padEnd(16)} ${'A'.padStart(6)} ${'B'.padStart(6)}  exact P R F1            overlap P R F1`);
    for (const [label, s] of Object.entries(p.spans.byLabel)) lines.push(spanRow(label, s));
    lines.push(spanRow('(micro)', p.spans.micro));
    lines.push(tokenRow('tokens: claims', p.tokens.claims), tokenRow('tokens: mentions', p.tokens.mentions));
    lines.push(`  unitizing αu      ${Object.entries(p.unitizing.byLabel).map(([l, a]) => `${l} ${fmt(a)}`).join(', ') || '—'}`);
    lines.push(`  stances           ${p.stances.items} item(s), α ${fmt(p.stances.krippendorffAlpha)}, agreement ${fmt(p.stances.agreement)}`);
  }
  if (r.annotators.length > 2) {
    lines.push('', 'all annotators', tokenRow('tokens: claims', r.tokens.claims), tokenRow('tokens: mentions', r.tokens.mentions));
    lines.push(`  stances           ${r.stances.items} item(s), α ${fmt(r.stances.krippendorffAlpha)}, Fleiss ${fmt(r.stances.fleissKappa)}`);
  }
  return lines.join('\n') + '\n';
}
