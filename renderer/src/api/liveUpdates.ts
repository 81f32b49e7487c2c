import { BRIDGE_GLOBAL } from '../../../shared/index.ts';
import { TAB_ORIGIN } from './origin.ts';

/**
 * A change made by another session, as the server's event stream
 * (`GET /api/events`, electron/server/events.ts) announces it. `documentIds`
 * null means it may touch anything shown (a label, a write by another process,
 * or a `resync` after the connection missed events): reload everything.
 */
export interface LiveChange {
  method: string | null;
  documentIds: string[] | null;
  /** Set for a `resync`: events were missed, nothing is known about what changed. */
  resync?: true;
  /** Set for this tab's own undo or redo (see {@link announceLocal}), which pages re-read like another session's change. */
  local?: true;
}

type Listener = (change: LiveChange) => void;

const listeners = new Set<Listener>();
let source: EventSource | null = null;
let lastId = '';
let retry: ReturnType<typeof setTimeout> | undefined;

/** How long to wait before opening a new stream after the browser gave up on one (it retries network drops by itself). */
const REOPEN_MS = 5000;
/**
 * A tab hidden this long lets its stream go: browsers allow six connections per
 * server over HTTP/1.1, and a stream holds one for as long as it is open, so
 * background tabs must not use them up. Shown again, the tab reconnects with its
 * last event id and reloads what it shows if it missed anything (`resync`).
 */
const HIDDEN_CLOSE_MS = 10_000;
let hiddenTimer: ReturnType<typeof setTimeout> | undefined;
let suspended = false;

/**
 * Live updates exist where the page was served over HTTP by `gloss serve`,
 * which several tabs may share. In Electron the preload bridge has one window
 * and one client, so there is no other session to hear from.
 */
export function liveUpdatesAvailable(): boolean {
  return !(globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] && typeof EventSource === 'function';
}

/**
 * Calls `listener` for every change another session makes; returns the
 * unsubscribe. The stream opens with the first listener and closes with the
 * last. This tab's own writes (its origin) are left out.
 */
export function subscribeLive(listener: Listener): () => void {
  listeners.add(listener);
  // In Electron there is no stream, but this tab's own announcements still reach the listeners.
  if (!liveUpdatesAvailable()) return () => void listeners.delete(listener);
  if (listeners.size === 1) document.addEventListener('visibilitychange', onVisibility);
  if (!source && !retry && !suspended) open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) stop();
  };
}

function open(): void {
  retry = undefined;
  // A stream opened anew (not the browser's own reconnect) says where this tab was, so missed events give a resync.
  const url = new URL('./api/events', location.href);
  if (lastId) url.searchParams.set('last', lastId);
  // Same origin: the session cookie goes with it, as with the API calls.
  const es = new EventSource(url.href);
  source = es;
  const track = (e: MessageEvent) => {
    if (e.lastEventId) lastId = e.lastEventId;
  };
  es.addEventListener('hello', track as EventListener);
  es.addEventListener('change', ((e: MessageEvent) => {
    track(e);
    const data = parse(e.data);
    if (!data || data.origin === TAB_ORIGIN) return;
    emit({ method: typeof data.method === 'string' ? data.method : null, documentIds: Array.isArray(data.documentIds) ? (data.documentIds as string[]) : null });
  }) as EventListener);
  es.addEventListener('resync', ((e: MessageEvent) => {
    track(e);
    emit({ method: null, documentIds: null, resync: true });
  }) as EventListener);
  es.onerror = () => {
    // CLOSED: the server refused (restarted with a new token, too many streams); the browser will not retry, so this does, later.
    if (es.readyState === EventSource.CLOSED && source === es) {
      source = null;
      if (listeners.size && !suspended) retry = setTimeout(open, REOPEN_MS);
    }
  };
}

function stop(): void {
  document.removeEventListener('visibilitychange', onVisibility);
  clearTimeout(hiddenTimer);
  suspended = false;
  close();
}

function close(): void {
  clearTimeout(retry);
  retry = undefined;
  source?.close();
  source = null;
}

function onVisibility(): void {
  clearTimeout(hiddenTimer);
  if (document.visibilityState === 'hidden') {
    hiddenTimer = setTimeout(() => {
      suspended = true;
      close();
    }, HIDDEN_CLOSE_MS);
  } else if (suspended) {
    suspended = false;
    if (listeners.size && !source && !retry) open();
  }
}

function emit(change: LiveChange): void {
  for (const l of [...listeners]) {
    try {
      l(change);
    } catch (err) {
      console.error('gloss: a live-update listener failed', err);
    }
  }
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Whether a change may touch the document: it names it, or names none (could be any). */
export function touchesDocument(change: LiveChange, documentId: string): boolean {
  return change.documentIds === null || change.documentIds.includes(documentId);
}

/** Whether a change may concern one of these API domains (`annotations`, `claims`, …): its method is in one, or unknown. */
export function touchesDomains(change: LiveChange, domains: readonly string[]): boolean {
  if (change.method === null) return true;
  const domain = change.method.slice(0, change.method.indexOf('.'));
  return domains.includes(domain) || change.method.startsWith('workspace.');
}

/**
 * Tells this tab's pages that rows they may show changed under them: an undo
 * or redo puts back rows in the backend, and the pages read them again as
 * they do another session's changes (in place, keeping scroll and selection).
 */
export function announceLocal(documentIds: string[] | null): void {
  emit({ method: null, documentIds, local: true });
}
