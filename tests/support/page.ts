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

/** Texts of the highlights covering a phrase, innermost last. */
export async function highlightLanes(page: Page, phrase: string): Promise<string[]> {
  return page.evaluate((phrase) => {
    const spans = Array.from(document.querySelectorAll<HTMLElement>('.gl-reader-text .gl-hl'));
    return spans.filter((s) => s.textContent === phrase).map((s) => s.style.getPropertyValue('--lane'));
  }, phrase);
}
