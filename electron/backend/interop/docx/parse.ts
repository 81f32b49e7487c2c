import { GlossError, type Block } from '../../../../shared/index.ts';
import { BlockTextBuilder } from '../../import/blocks.ts';
import type { ParsedDocument } from '../../import/parsed.ts';
import { unzipFiles, utf8 } from '../zip.ts';
import { titleFromLine } from '../text.ts';

const BLOCKS: Record<string, Block['type']> = {
  P: 'paragraph', H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading', LI: 'listItem', BLOCKQUOTE: 'blockquote', PRE: 'preformatted', TD: 'paragraph', TH: 'paragraph',
};

/**
 * A Word document's text through mammoth (DOCX to semantic HTML), flattened
 * to blocks: headings, paragraphs, list items and table cells. The title and
 * author come from the document's properties when it has them.
 */
export async function parseDocx(bytes: Uint8Array, file: string): Promise<ParsedDocument> {
  const entries = unzipFiles(bytes, file);
  if (!entries.has('word/document.xml')) throw new GlossError('import', `${file}: not a Word document (no word/document.xml inside)`);
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (err) {
    throw new GlossError('import', `${file}: not a readable Word document (${(err as Error).message})`);
  }
  const { JSDOM } = await import('jsdom');
  const dom = new JSDOM(`<!doctype html><body>${html}</body>`);
  const out = new BlockTextBuilder();
  const walk = (el: Element): void => {
    for (const child of Array.from(el.children)) {
      const type = BLOCKS[child.tagName];
      const nested = Array.from(child.querySelectorAll('*')).some((e) => BLOCKS[e.tagName] && e.tagName !== 'P');
      if (type && !nested) out.add(type, textOf(child), type === 'heading' ? Number(child.tagName.slice(1)) : undefined);
      else walk(child);
    }
  };
  walk(dom.window.document.body);
  dom.window.close();
  const core = entries.get('docProps/core.xml');
  const props = core ? utf8(core) : '';
  const prop = (tag: string) => decodeXml(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`).exec(props)?.[1] ?? '').trim();
  const first = out.blocks.find((b) => b.type === 'heading') ?? out.blocks[0];
  const metadata: ParsedDocument['metadata'] = { format: 'docx' };
  if (prop('dc:creator')) metadata.author = prop('dc:creator');
  if (prop('dcterms:created')) metadata.published = prop('dcterms:created');
  if (prop('dc:language')) metadata.language = prop('dc:language');
  const text = out.text;
  return { title: prop('dc:title') || (first ? titleFromLine(text.slice(first.start, first.end).split('\n')[0]!) : ''), text, blocks: out.blocks, metadata };
}

function textOf(el: Element): string {
  let s = '';
  const walk = (n: Node): void => {
    if (n.nodeType === 3) s += (n.nodeValue ?? '').replace(/\s+/g, ' ');
    else if ((n as Element).tagName === 'BR') s += '\n';
    else n.childNodes.forEach(walk);
  };
  walk(el);
  return s;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}
