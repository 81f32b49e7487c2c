/**
 * Cooperative pauses for long loops: the returned function, awaited between
 * units of work, yields to the event loop once `budgetMs` have passed since
 * the last yield. better-sqlite3 and the parsers are synchronous, so without
 * it a 1000-file import would hold its thread (the store worker, or the
 * server's event loop) until the last file, and every other call would wait.
 */
export function pauser(budgetMs = 8): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    // setImmediate, not a microtask: the event loop polls for I/O and messages before it runs.
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
