import { randomUUID } from 'node:crypto';
import { GlossError, type UndoOutcome } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import type { JournalEntry, JournalRow, JournalTableShape, UndoStepRecord } from '../store/undo-journal.ts';

/**
 * Undo and redo, recorded in the backend (issue 16): every client, the app in
 * Electron, a tab of a team server, a script over HTTP, undoes its own calls
 * through the same two methods, and two clients never undo each other's work.
 *
 * An undoable call runs under an undo step its client names; the journal's
 * triggers copy each row it changes (store/undo-journal-triggers.ts). Undoing
 * the step takes every row it touched from the state the step left to the
 * state it found, in one write transaction, and only when:
 * - the step is the caller's own (the annotator who made it);
 * - every row is still as the step left it: a row changed since, by another
 *   annotator, another window or the same person elsewhere, refuses the undo
 *   with a message naming it, and nothing is changed;
 * - putting the rows back changes nothing else: the undo itself runs under a
 *   scratch step, and a row outside the step's (a link someone made since to
 *   an entity this step created, which the undo would delete by cascade)
 *   refuses it too.
 * Redo is the same in the other direction. Both are logged in the change log
 * like any change (`via` history.undo / history.redo).
 */

/** A row as the step found it and as it left it (null: absent). */
interface NetRow {
  table: string;
  key: JournalRow;
  before: JournalRow | null;
  after: JournalRow | null;
  /** Only the key and the columns the step changed are known of `before` (the step began with an update). */
  partialBefore: boolean;
}

/** How long and how many steps are kept for undo. */
export const UNDO_KEEP_STEPS = 500;
export const UNDO_KEEP_MS = 30 * 24 * 3600 * 1000;

/** Undoes the caller's steps, newest first, in one transaction. */
export function undoSteps(project: Project, stepIds: readonly string[], actor: string): UndoOutcome {
  return apply(project, stepIds, actor, 'undo');
}

/** Redoes the caller's undone steps, oldest first, in one transaction. */
export function redoSteps(project: Project, stepIds: readonly string[], actor: string): UndoOutcome {
  return apply(project, stepIds, actor, 'redo');
}

/** The caller's steps, newest first. */
export function listSteps(project: Project, actor: string, limit: number, client?: string): UndoStepRecord[] {
  return project.read(() => project.undoJournal.steps(actor, limit, client));
}

function apply(project: Project, stepIds: readonly string[], actor: string, kind: 'undo' | 'redo'): UndoOutcome {
  if (new Set(stepIds).size !== stepIds.length) throw new GlossError('validation', `a step is named twice`);
  // The undo's own changes are journaled under a scratch step, to see what they touched; it is removed before the commit.
  const scratch = `${kind}-${randomUUID()}`;
  return project.withChanges({ via: `history.${kind}`, step: scratch }, () =>
    project.transaction(() => {
      const journal = project.undoJournal;
      const steps = stepIds.map((id) => {
        const step = journal.step(id);
        if (!step) throw new GlossError('not_found', `no undo step ${id} (it may be older than the journal keeps)`);
        if (step.actor !== actor) throw new GlossError('forbidden', `undo step ${id} is ${step.actor}'s, not ${actor}'s: only who made a change can undo it`);
        const wanted = kind === 'undo' ? 'done' : 'undone';
        if (step.state !== wanted) throw new GlossError('conflict', `undo step ${id} (${step.via ?? 'a change'}) is ${step.state === 'done' ? 'not undone' : 'undone already'}`);
        return step;
      });
      const shapes = new Map(journal.shapes().map((s) => [s.name, s]));
      // Newest first for undo, oldest first for redo; the order the client gave when they are one call's.
      const ordered = kind === 'undo' ? [...steps].reverse() : steps;
      const expected = new Set<string>();
      const changedLogBefore = project.changeLog.lastId();
      for (const step of ordered) {
        const rows = netRows(journal.entries(step.id), shapes);
        checkText(project, step, rows, kind);
        for (const row of rows) expected.add(rowId(row.table, row.key));
        restore(project, step, rows, shapes, kind);
        journal.setState(step.id, kind === 'undo' ? 'undone' : 'done');
      }
      const touched = journal.entries(scratch);
      journal.discard(scratch);
      for (const e of touched) {
        const shape = shapes.get(e.table);
        if (!shape) continue;
        const key = keyOf(shape, (e.after ?? e.before)!);
        if (!expected.has(rowId(e.table, key))) {
          throw new GlossError('conflict', `cannot ${kind} ${describeSteps(steps)}: it would also change ${thing(e.table)} that was not part of it (later work depends on it); nothing was changed.`);
        }
      }
      return { changes: touched.length, documentIds: project.changeLog.documentsSince(changedLogBefore) };
    }),
  );
}

/** Sets every row the step touched to its state before (undo) or after (redo) the step, after checking it is as the step left (found) it. */
function restore(project: Project, step: UndoStepRecord, rows: readonly NetRow[], shapes: ReadonlyMap<string, JournalTableShape>, kind: 'undo' | 'redo'): void {
  const journal = project.undoJournal;
  const from = (r: NetRow) => (kind === 'undo' ? r.after : r.before);
  const to = (r: NetRow) => (kind === 'undo' ? r.before : r.after);
  const present: { row: NetRow; exists: boolean }[] = [];
  for (const row of rows) {
    const now = journal.current(row.table, row.key);
    const expected = from(row);
    const ignored = shapes.get(row.table)!.ignored;
    if (expected === null ? now !== undefined : now === undefined || !matches(now, expected, ignored)) {
      throw new GlossError(
        'conflict',
        `cannot ${kind} ${describeSteps([step])}: ${thing(row.table)} it ${kind === 'undo' ? 'changed' : 'put back'} has been ${now === undefined ? 'deleted' : 'changed'} since (by another annotator, window or tab), and ${kind === 'undo' ? 'undoing' : 'redoing'} it would overwrite that; nothing was changed.`,
      );
    }
    present.push({ row, exists: now !== undefined });
  }
  const depth = (r: NetRow) => shapes.get(r.table)!.depth;
  // Rows that must exist: parents first (an update may point a row back to a parent put back here).
  const put = present.filter((p) => to(p.row) !== null).sort((a, b) => depth(a.row) - depth(b.row));
  for (const { row, exists } of put) {
    const target = to(row)!;
    if (exists) journal.update(row.table, row.key, target);
    else journal.insert(row.table, target);
  }
  // Rows that must not: children first.
  const gone = present.filter((p) => to(p.row) === null).sort((a, b) => depth(b.row) - depth(a.row));
  for (const { row } of gone) journal.remove(row.table, row.key);
}

/**
 * Refuses a step over a document whose text has a new version since: its
 * rows hold offsets into the text as it was (an annotation deleted then,
 * put back now, would land on other words). Its own versions aside.
 */
function checkText(project: Project, step: UndoStepRecord, rows: readonly NetRow[], kind: 'undo' | 'redo'): void {
  const documents = new Set<string>();
  const own = new Set<string>();
  for (const row of rows) {
    const values = { ...row.before, ...row.after, ...row.key };
    if (row.table === 'documents' && typeof values.id === 'string') documents.add(values.id);
    if (typeof values.document_id === 'string') documents.add(values.document_id);
    if (row.table === 'document_versions') own.add(`${String(values.document_id)}/${String(values.version)}`);
  }
  const later = project.changeLog.versionsSince(step.logId, [...documents]).find((v) => !own.has(v.objectId));
  if (later) {
    throw new GlossError('conflict', `cannot ${kind} ${describeSteps([step])}: the document's text has a new version since (version ${later.objectId.split('/').pop()}), and its positions were of the earlier text; nothing was changed.`);
  }
}

/** Folds a step's entries into one change per row: the row as the step found it and as it left it. */
function netRows(entries: readonly JournalEntry[], shapes: ReadonlyMap<string, JournalTableShape>): NetRow[] {
  const rows = new Map<string, NetRow>();
  for (const e of entries) {
    const shape = shapes.get(e.table);
    if (!shape) throw new GlossError('internal', `the undo journal names a table this project does not have: ${e.table}`);
    const key = keyOf(shape, (e.after ?? e.before)!);
    const id = rowId(e.table, key);
    let row = rows.get(id);
    if (!row) {
      const before = e.op === 'insert' ? null : { ...e.before };
      row = { table: e.table, key, before, after: before && { ...before }, partialBefore: e.op === 'update' };
      rows.set(id, row);
    }
    if (e.op === 'insert') {
      row.after = { ...e.after };
    } else if (e.op === 'delete') {
      // The whole row, as it was just before: it fills in what an earlier update of the step did not say.
      if (row.before && row.partialBefore) {
        row.before = { ...e.before, ...row.before };
        row.partialBefore = false;
      }
      row.after = null;
    } else {
      // Columns this update changed that the step had not touched yet were as the step found them.
      if (row.before) for (const [c, v] of Object.entries(e.before ?? {})) if (!(c in row.before)) row.before[c] = v;
      row.after = { ...(row.after ?? {}), ...e.after };
    }
  }
  return [...rows.values()].filter((r) => r.before !== null || r.after !== null);
}

function keyOf(shape: JournalTableShape, row: JournalRow): JournalRow {
  return Object.fromEntries(shape.key.map((k) => [k, row[k]]));
}

function rowId(table: string, key: JournalRow): string {
  return `${table}\u0000${JSON.stringify(Object.values(key))}`;
}

/** Whether the row now holds what was expected in every column expected (bookkeeping columns aside). */
function matches(now: JournalRow, expected: JournalRow, ignored: readonly string[]): boolean {
  for (const [c, v] of Object.entries(expected)) {
    if (ignored.includes(c)) continue;
    if (!sameValue(now[c], v)) return false;
  }
  return true;
}

/** Journal values are parsed JSON: primitives compare as they are, a `{"$blob": hex}` by its text. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** "an annotation", "a claim link", from a table name. */
function thing(table: string): string {
  const singular = table.replace(/ies$/, 'y').replace(/s$/, '').replace(/_/g, ' ');
  return `${/^[aeiou]/.test(singular) ? 'an' : 'a'} ${singular}`;
}

function describeSteps(steps: readonly UndoStepRecord[]): string {
  const names = [...new Set(steps.map((s) => s.via ?? 'a change'))];
  return names.length === 1 ? `"${names[0]}"` : `these ${steps.length} changes`;
}

/** Forgets steps past what the journal keeps (called now and then, not on every call). */
export function pruneSteps(project: Project, now = Date.now()): number {
  return project.transaction(() => project.undoJournal.prune(UNDO_KEEP_STEPS, now - UNDO_KEEP_MS));
}
