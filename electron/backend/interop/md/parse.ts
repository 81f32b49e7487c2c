import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { Block } from '../../../../shared/index.ts';
import { BlockTextBuilder } from '../../import/blocks.ts';
import { normalizeNewlines } from '../../import/decode.ts';
import type { ParsedDocument } from '../../import/parsed.ts';
import { titleFromLine } from '../text.ts';

// html: false — raw HTML in Markdown is shown as text, never interpreted.
const md = new MarkdownIt({ html: false, linkify: false });

/** Markdown rendered to blocks of plain text: headings, paragraphs, quotes, list items, code. */
export function parseMarkdown(decoded: string): ParsedDocument {
  const source = normalizeNewlines(decoded);
  const { body, meta } = splitFrontMatter(source);
  const tokens = md.parse(body, {});
  const out = new BlockTextBuilder();
  let quoteDepth = 0;
  let listDepth = 0;
  let pendingHeading: number | undefined;
  for (const t of tokens) {
    switch (t.type) {
      case 'blockquote_open': quoteDepth++; break;
      case 'blockquote_close': quoteDepth--; break;
      case 'list_item_open': listDepth++; break;
      case 'list_item_close': listDepth--; break;
      case 'heading_open': pendingHeading = Number(t.tag.slice(1)); break;
      case 'heading_close': pendingHeading = undefined; break;
      case 'fence':
      case 'code_block': out.add('preformatted', t.content.replace(/\n$/, '')); break;
      case 'inline': {
        const text = inlineText(t.children ?? []);
        const type: Block['type'] = pendingHeading ? 'heading' : listDepth ? 'listItem' : quoteDepth ? 'blockquote' : 'paragraph';
        out.add(type, text, pendingHeading);
        break;
      }
    }
  }
  const firstHeading = out.blocks.find((b) => b.type === 'heading');
  const first = firstHeading ?? out.blocks[0];
  const text = out.text;
  return {
    title: meta.title ?? (first ? titleFromLine(text.slice(first.start, first.end).split('\n')[0]!) : ''),
    text,
    blocks: out.blocks,
    metadata: { ...meta.metadata, format: 'md' },
  };
}

function inlineText(children: Token[]): string {
  let s = '';
  for (const c of children) {
    if (c.type === 'text' || c.type === 'code_inline' || c.type === 'html_inline') s += c.content;
    else if (c.type === 'softbreak') s += ' ';
    else if (c.type === 'hardbreak') s += '\n';
    else if (c.type === 'image') s += c.content;
  }
  return s;
}

/** YAML-style front matter (`title:`, `author:`, `date:`, `url:`, `outlet:`, `language:`), read as flat key: value pairs. */
function splitFrontMatter(source: string): { body: string; meta: { title?: string; metadata: ParsedDocument['metadata'] } } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!m) return { body: source, meta: { metadata: {} } };
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split('\n')) {
    const kv = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (kv) fields[kv[1]!.toLowerCase()] = kv[2]!.replace(/^["']|["']$/g, '');
  }
  const metadata: ParsedDocument['metadata'] = {};
  if (fields.author) metadata.author = fields.author;
  if (fields.date ?? fields.published) metadata.published = fields.date ?? fields.published;
  if (fields.url) metadata.url = fields.url;
  if (fields.outlet ?? fields.source) metadata.outlet = fields.outlet ?? fields.source;
  if (fields.language ?? fields.lang) metadata.language = fields.language ?? fields.lang;
  return { body: source.slice(m[0].length), meta: { ...(fields.title ? { title: fields.title } : {}), metadata } };
}
