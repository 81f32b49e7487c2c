import { Readability } from '@mozilla/readability';
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import type { Block } from '../../../../shared/index.ts';
import { BlockTextBuilder } from '../../import/blocks.ts';
import type { ParsedDocument } from '../../import/parsed.ts';
import { titleFromLine } from '../text.ts';

const BLOCK_TYPES: Record<string, Block['type']> = {
  P: 'paragraph', DIV: 'paragraph', SECTION: 'paragraph', ARTICLE: 'paragraph', LI: 'listItem', DD: 'paragraph', DT: 'paragraph',
  BLOCKQUOTE: 'blockquote', PRE: 'preformatted', FIGCAPTION: 'paragraph', TD: 'paragraph', TH: 'paragraph', CAPTION: 'paragraph',
  H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading',
};

/**
 * An HTML page: the article is extracted with Readability, sanitized with
 * DOMPurify and flattened to blocks of plain text. jsdom runs no scripts
 * (`runScripts` is off) and loads no resources, so nothing in the file executes.
 */
export function parseHtml(html: string, fileName: string): ParsedDocument {
  const dom = new JSDOM(html, { url: 'about:blank', contentType: 'text/html' });
  const doc = dom.window.document;
  const meta = (sel: string): string | undefined => doc.querySelector(sel)?.getAttribute('content')?.trim() || undefined;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined;
  const language = doc.documentElement.getAttribute('lang') ?? meta('meta[property="og:locale"]');
  const article = new Readability(doc.cloneNode(true) as Document, { charThreshold: 200 }).parse();

  const purify = createDOMPurify(dom.window as unknown as Parameters<typeof createDOMPurify>[0]);
  const cleanHtml = purify.sanitize(article?.content ?? doc.body?.innerHTML ?? '', {
    FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'form', 'svg', 'math'],
  });
  const container = doc.createElement('div');
  container.innerHTML = cleanHtml;
  const out = new BlockTextBuilder();
  collectBlocks(container, out);
  if (!out.blocks.length && doc.body) {
    const fallback = doc.createElement('div');
    fallback.innerHTML = purify.sanitize(doc.body.innerHTML);
    collectBlocks(fallback, out);
  }
  const title = titleFromLine(article?.title || doc.title || out.text.split('\n')[0] || fileName);
  const metadata: ParsedDocument['metadata'] = { format: 'html' };
  const author = article?.byline || meta('meta[name="author"]');
  const outlet = article?.siteName || meta('meta[property="og:site_name"]');
  const published = article?.publishedTime || meta('meta[property="article:published_time"]') || meta('meta[name="date"]');
  const url = canonical || meta('meta[property="og:url"]');
  if (author) metadata.author = author.trim();
  if (outlet) metadata.outlet = outlet.trim();
  if (published) metadata.published = published.trim();
  if (url) metadata.url = url;
  if (language) metadata.language = language;
  if (article?.excerpt) metadata.excerpt = article.excerpt.trim();
  dom.window.close();
  return { title, text: out.text, blocks: out.blocks, metadata };
}

/** Walks the sanitized tree; each innermost block element becomes one block of text. */
function collectBlocks(root: Element, out: BlockTextBuilder): void {
  for (const child of Array.from(root.children)) {
    const type = BLOCK_TYPES[child.tagName];
    const hasBlockChildren = Array.from(child.querySelectorAll('*')).some((e) => BLOCK_TYPES[e.tagName]);
    if (type && !hasBlockChildren) {
      out.add(type, textOf(child, type === 'preformatted'), type === 'heading' ? Number(child.tagName.slice(1)) : undefined);
    } else if (hasBlockChildren || !type) {
      if (hasBlockChildren) collectBlocks(child, out);
      else if (child.textContent?.trim()) out.add('paragraph', textOf(child));
    }
  }
}

function textOf(el: Element, preformatted = false): string {
  // <br> is a line break inside a block; other whitespace collapses, except in <pre>.
  let s = '';
  const walk = (n: Node): void => {
    if (n.nodeType === 3) s += preformatted ? (n.nodeValue ?? '') : (n.nodeValue ?? '').replace(/\s+/g, ' ');
    else if ((n as Element).tagName === 'BR') s += '\n';
    else n.childNodes.forEach(walk);
  };
  walk(el);
  return s;
}
