import type { Page } from 'playwright-core';

/**
 * Selects the `occurrence`-th match of `phrase` in the reader's text, as a
 * user's drag would: a DOM selection that ProseMirror reads.
 */
export async function selectPhrase(page: Page, phrase: string, occurrence = 0): Promise<void> {
  // A reader still settling (layers arriving, a section drawn) may redraw its text and
  // collapse a fresh selection: select again, as a user would, until the picker shows.
  for (let attempt = 1; ; attempt++) {
    await selectPhraseOnce(page, phrase, occurrence);
    const shown = await page
      .waitForFunction(() => !getSelection()?.isCollapsed && document.querySelector('.gl-label-picker') !== null, undefined, { timeout: 5000 })
      .then(() => true, () => false);
    if (shown) break;
    if (attempt === 4) throw new Error(`selecting "${phrase}" did not open the label picker`);
  }
  await page.waitForTimeout(50);
}

async function selectPhraseOnce(page: Page, phrase: string, occurrence: number): Promise<void> {
  const ok = await page.evaluate(
    ([phrase, occurrence]) => {
      const root = document.querySelector('.gl-reader-text');
      if (!root) return false;
      // Text may be split across highlight spans: search the concatenated text nodes.
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      for (const block of Array.from(root.children)) {
        const inBlock = nodes.filter((n) => block.contains(n));
        const text = inBlock.map((n) => n.data).join('');
        let at = -1;
        let seen = 0;
        for (let i = text.indexOf(phrase); i !== -1; i = text.indexOf(phrase, i + 1)) {
          if (seen++ === occurrence) {
            at = i;
            break;
          }
        }
        if (at === -1) {
          occurrence -= seen;
          continue;
        }
        const locate = (offset: number): [Text, number] => {
          let acc = 0;
          for (const n of inBlock) {
            if (offset <= acc + n.data.length) return [n, offset - acc];
            acc += n.data.length;
          }
          const last = inBlock[inBlock.length - 1]!;
          return [last, last.data.length];
        };
        (root as HTMLElement).focus();
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + phrase.length));
        const sel = getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        return true;
      }
      return false;
    },
    [phrase, occurrence] as const,
  );
  if (!ok) throw new Error(`"${phrase}" not found in the reader`);
}

/** Text a highlight must hold: a string it contains, or a pattern (as Playwright's `hasText`). */
export type HighlightText = string | RegExp;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A highlight found by its text: its first line box, and the background colour painted on it. */
interface FoundHighlight {
  box: Box;
  tint: string;
}

/**
 * The highlights under `scope` whose text matches, in reading order: highlight
 * elements (`[data-ann]`), and highlights just made, which the reader paints
 * as registered ranges (`CSS.highlights`, see renderer/src/reader/freshHighlights.ts).
 * Each with its first line box (viewport coordinates) and its tint (an
 * element's own background, or a painted range's `::highlight()` style).
 * With `reveal`, the `reveal`-th (from 1) is scrolled into view first.
 */
async function findHighlights(page: Page, text: HighlightText, scope: string, reveal = 0): Promise<FoundHighlight[]> {
  const pattern = typeof text === 'string' ? null : { source: text.source, flags: text.flags };
  return page.evaluate(
    ({ needle, pattern, scope, reveal }) => {
      const matches = (t: string) => (pattern ? new RegExp(pattern.source, pattern.flags).test(t) : t.toLowerCase().includes(needle.toLowerCase()));
      /** The part of `whole` that holds the text looked for (a string's match; a pattern's whole highlight), so a click lands on it rather than on a highlight nested in it. */
      const part = (whole: Range): Range => {
        if (pattern) return whole;
        const at = whole.toString().toLowerCase().indexOf(needle.toLowerCase());
        const walker = document.createTreeWalker(whole.commonAncestorContainer, NodeFilter.SHOW_TEXT);
        const out = document.createRange();
        let seen = 0;
        let started = false;
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          if (!whole.intersectsNode(n)) continue;
          const from = n === whole.startContainer ? whole.startOffset : 0;
          const to = n === whole.endContainer ? whole.endOffset : n.data.length;
          const len = to - from;
          if (!started && at < seen + len) {
            out.setStart(n, from + at - seen);
            started = true;
          }
          if (started && at + needle.length <= seen + len) {
            out.setEnd(n, from + at + needle.length - seen);
            return out;
          }
          seen += len;
        }
        return whole;
      };
      const hits: { node: Node; rects: () => DOMRectList; show: () => void; tint: () => string }[] = [];
      for (const root of Array.from(document.querySelectorAll(scope))) {
        for (const el of Array.from(root.querySelectorAll('[data-ann]'))) {
          if (!matches(el.textContent ?? '')) continue;
          const whole = document.createRange();
          whole.selectNodeContents(el);
          hits.push({ node: el, rects: () => part(whole).getClientRects(), show: () => el.scrollIntoView({ block: 'center' }), tint: () => getComputedStyle(el).backgroundColor });
        }
        for (const [name, highlight] of CSS.highlights) {
          if (!name.startsWith('gl-fresh-')) continue;
          for (const r of highlight) {
            if (!(r instanceof Range) || !root.contains(r.startContainer) || !matches(r.toString())) continue;
            const at = r.startContainer.nodeType === 1 ? (r.startContainer as Element) : r.startContainer.parentElement!;
            hits.push({
              node: r.startContainer,
              rects: () => part(r).getClientRects(),
              show: () => at.scrollIntoView({ block: 'center' }),
              tint: () => getComputedStyle(at, `::highlight(${CSS.escape(name)})`).backgroundColor,
            });
          }
        }
      }
      hits.sort((a, b) => (a.node === b.node ? 0 : a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      // Scrolled only when not wholly in view, so that two highlights' points can be taken one after the other.
      const shown = reveal ? hits[reveal - 1] : undefined;
      const first = shown?.rects()[0];
      if (shown && (!first || first.top < 0 || first.bottom > innerHeight)) shown.show();
      return hits.map((h) => {
        const r = h.rects()[0];
        return { box: r ? { x: r.x, y: r.y, width: r.width, height: r.height } : { x: 0, y: 0, width: 0, height: 0 }, tint: h.tint() };
      });
    },
    { needle: typeof text === 'string' ? text : '', pattern, scope, reveal },
  );
}

/** How many highlights (elements or painted ranges) under `scope` hold `text`. */
export async function highlightCount(page: Page, text: HighlightText, scope = '.gl-reader-text'): Promise<number> {
  return (await findHighlights(page, text, scope)).length;
}

/** The centre of the first line box of the `nth` highlight holding `text`, scrolled into view. */
export async function highlightPoint(page: Page, text: HighlightText, { nth = 0, scope = '.gl-reader-text' } = {}): Promise<{ x: number; y: number }> {
  for (let attempt = 0; ; attempt++) {
    const box = (await findHighlights(page, text, scope, nth + 1))[nth]?.box;
    if (box && box.width > 0) return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    if (attempt === 100) throw new Error(`no highlight holding ${String(text)} under ${scope}`);
    await page.waitForTimeout(100);
  }
}

/** Clicks the `nth` highlight holding `text`, as a user would. */
export async function clickHighlight(page: Page, text: HighlightText, options: { nth?: number; scope?: string } = {}): Promise<void> {
  const { x, y } = await highlightPoint(page, text, options);
  await page.mouse.click(x, y);
}

/** Rests the pointer on the `nth` highlight holding `text`. */
export async function hoverHighlight(page: Page, text: HighlightText, options: { nth?: number; scope?: string } = {}): Promise<void> {
  const { x, y } = await highlightPoint(page, text, options);
  await page.mouse.move(x, y);
}

/**
 * The lanes of the highlights covering the first `phrase` in the reader, one
 * per highlight: an element's `--lane`, or the lane in a painted range's
 * registered name (gl-fresh-<lane>-<label>).
 */
export async function highlightLanes(page: Page, phrase: string): Promise<string[]> {
  return page.evaluate((phrase) => {
    const spans = Array.from(document.querySelectorAll<HTMLElement>('.gl-reader-text .gl-hl'));
    const lanes = spans.filter((s) => s.textContent === phrase).map((s) => s.style.getPropertyValue('--lane'));
    for (const [name, highlight] of CSS.highlights) {
      const lane = /^gl-fresh-(\d+)-/.exec(name)?.[1];
      if (lane === undefined) continue;
      for (const r of highlight) if (r instanceof Range && r.toString().includes(phrase)) lanes.push(lane);
    }
    return lanes;
  }, phrase);
}

/** The background colour painted on the first highlight holding `text`, in reading order; null when there is none. */
export async function highlightTint(page: Page, text: HighlightText, scope = '.gl-reader-text'): Promise<string | null> {
  return (await findHighlights(page, text, scope))[0]?.tint ?? null;
}
