// Timing helpers shared by the benchmark pages. "Painted" is the same for
// Gloss and the peer: the second animation frame after the work, by which
// time the frame that shows the work has been produced.

/** Resolves in the next animation frame, with performance.now() at that moment. */
export function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
}

/** performance.now() in the second animation frame from now. */
export async function painted(): Promise<number> {
  await nextFrame();
  return nextFrame();
}

/**
 * Resolves as soon as `check()` holds: at once, or after the DOM mutation
 * under `root` that makes it hold (for a library that draws in a later task).
 * Rejects after `timeoutMs`.
 */
export function whenPresent(check: () => boolean, root: Node, timeoutMs = 120_000): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('timed out waiting for the highlights'));
    }, timeoutMs);
    const observer = new MutationObserver(() => {
      if (!check()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
  });
}

/** Lays out the page now (the "forced layout" of the work measures). */
export function forceLayout(el: HTMLElement): void {
  void el.getBoundingClientRect().height;
  void document.body.offsetHeight;
}

/** The reader's layout, without React: a scrolling main column holding the article, and the side panel. */
export function readerShell(): { scroller: HTMLElement; mount: HTMLElement } {
  const root = document.getElementById('root')!;
  root.innerHTML = `<div class="gl-reader"><div class="gl-reader-main"><article class="gl-article" aria-label="Benchmark">
    <header class="gl-article-head"><h1>Benchmark document</h1><p class="gl-doc-meta">generated</p></header><div id="mount"></div>
    </article></div><aside class="gl-side"></aside></div>`;
  return { scroller: root.querySelector<HTMLElement>('.gl-reader-main')!, mount: root.querySelector<HTMLElement>('#mount')! };
}

/** Scrolls `scroller` so that `rect` (client coordinates) sits in its middle. */
export function centre(scroller: HTMLElement, rect: DOMRect): void {
  const box = scroller.getBoundingClientRect();
  scroller.scrollTop += rect.top - box.top - box.height / 2;
}

/**
 * Scrolls `scroller` from top to bottom in `frames` animation frames, a
 * fixed step each, and returns the time between consecutive frames.
 */
export async function scrollThrough(scroller: HTMLElement, frames: number): Promise<number[]> {
  scroller.scrollTop = 0;
  await painted();
  const step = (scroller.scrollHeight - scroller.clientHeight) / frames;
  const times: number[] = [];
  let last = await nextFrame();
  for (let i = 1; i <= frames; i++) {
    scroller.scrollTop = Math.round(step * i);
    const now = await nextFrame();
    times.push(now - last);
    last = now;
  }
  return times;
}
