import { GlossError } from '../../../../shared/index.ts';
import { BlockTextBuilder } from '../../import/blocks.ts';
import type { ParsedDocument } from '../../import/parsed.ts';
import { titleFromLine } from '../text.ts';

interface Line {
  text: string;
  y: number;
  height: number;
}

/**
 * A PDF's text through pdfjs-dist (its legacy build runs in Node): lines are
 * rebuilt from the text items, and paragraphs from the vertical gaps between
 * lines; a page with no visible gaps is one block. Hyphens at line ends are
 * joined. Nothing in the file runs: pdfjs evaluates no scripts here.
 */
export async function parsePdf(bytes: Uint8Array, file: string): Promise<ParsedDocument> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false }).promise;
  } catch (err) {
    const e = err as Error;
    if (e.name === 'PasswordException') throw new GlossError('import', `${file}: the PDF is password-protected; remove the password and import it again`);
    throw new GlossError('import', `${file}: not a readable PDF (${e.message})`);
  }
  try {
    const out = new BlockTextBuilder();
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const lines: Line[] = [];
      let cur: Line | undefined;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const y = Number(item.transform[5] ?? 0);
        const height = Math.abs(Number(item.height) || Number(item.transform[3]) || 10);
        if (cur && Math.abs(cur.y - y) > height * 0.5 && item.str.trim()) {
          lines.push(cur);
          cur = undefined;
        }
        if (!cur) cur = { text: '', y, height };
        cur.text += item.str;
        if (item.hasEOL) {
          lines.push(cur);
          cur = undefined;
        }
      }
      if (cur) lines.push(cur);
      for (const para of paragraphs(lines)) out.add('paragraph', para);
      page.cleanup();
    }
    const meta = (await doc.getMetadata().catch(() => undefined))?.info as Record<string, unknown> | undefined;
    const text = out.text;
    if (!text.trim()) throw new GlossError('import', `${file}: the PDF holds no text (is it a scan? Gloss does not read text from images)`);
    const firstBlock = out.blocks[0];
    const title = typeof meta?.Title === 'string' && meta.Title.trim() ? meta.Title.trim() : firstBlock ? titleFromLine(text.slice(firstBlock.start, firstBlock.end).split('\n')[0]!) : '';
    const metadata: ParsedDocument['metadata'] = { format: 'pdf' };
    if (typeof meta?.Author === 'string' && meta.Author.trim()) metadata.author = meta.Author.trim();
    return { title, text, blocks: out.blocks, metadata };
  } finally {
    await doc.destroy();
  }
}

/** Groups lines into paragraphs where the gap to the next line is clearly larger than the line spacing. */
function paragraphs(lines: readonly Line[]): string[] {
  const nonEmpty = lines.filter((l) => l.text.trim());
  if (!nonEmpty.length) return [];
  const gaps = nonEmpty.slice(1).map((l, i) => nonEmpty[i]!.y - l.y);
  const positive = gaps.filter((g) => g > 0).sort((a, b) => a - b);
  // The line spacing of body text: the lower quartile of the gaps, as paragraph gaps are the larger ones.
  const typical = positive[Math.floor(positive.length / 4)] ?? 0;
  const out: string[] = [];
  let para = nonEmpty[0]!.text.trim();
  for (let i = 1; i < nonEmpty.length; i++) {
    const gap = gaps[i - 1]!;
    const line = nonEmpty[i]!.text.trim();
    const blankBefore = lines.indexOf(nonEmpty[i]!) - lines.indexOf(nonEmpty[i - 1]!) > 1;
    if (blankBefore || (typical > 0 && gap > typical * 1.4) || gap < 0) {
      out.push(para);
      para = line;
    } else if (/\p{L}-$/u.test(para) && /^\p{Ll}/u.test(line)) para = para.slice(0, -1) + line;
    else para += ` ${line}`;
  }
  out.push(para);
  return out;
}
