import DiffMatchPatch from 'diff-match-patch';
import { QUOTE_GAP, type AnchorStatus, type DiffHunk, type DiffSegment, type TextRange, type TouchedAnnotation, type VersionDiff } from '../../../shared/index.ts';
import { equalRuns } from '../anchoring/index.ts';
import type { Project } from '../project.ts';
import { currentVersion, getVersion } from './history.ts';
import { storedAnchors } from './save.ts';

/**
 * The diff between two versions of a document, for people to read: the exact
 * character diff the re-anchoring uses, with diff-match-patch's semantic
 * clean-up so that a rewritten phrase reads as one deletion and one
 * insertion rather than as scattered letters. Each change lists the
 * annotations it touched: those whose span in either version overlaps what
 * was deleted or inserted there.
 */
export function versionDiff(project: Project, documentId: string, from: number, to: number): VersionDiff {
  const a = getVersion(project, documentId, from).text;
  const b = getVersion(project, documentId, to).text;
  const segments = readableSegments(a, b);
  const hunks = hunksOf(segments);
  const before = positionsIn(project, documentId, from, a);
  const after = positionsIn(project, documentId, to, b);
  const info = new Map(storedAnchors(project, documentId).map((x) => [x.id, x]));
  const statuses = to === from + 1 ? new Map(project.versions.anchors(documentId, to).map((r) => [r.annotationId, r.status])) : new Map<string, AnchorStatus>();
  for (const h of hunks) {
    const ids = new Set<string>();
    for (const [id, ranges] of before) if (touches(ranges, h.fromStart, h.fromEnd)) ids.add(id);
    for (const [id, ranges] of after) if (touches(ranges, h.toStart, h.toEnd)) ids.add(id);
    h.annotations = [...ids].flatMap((id): TouchedAnnotation[] => {
      const x = info.get(id);
      return x ? [{ id, labelId: x.labelId, quote: x.quote, status: statuses.get(id) ?? null }] : [];
    });
  }
  return { documentId, from, to, segments, hunks };
}

/** Equal, deleted and inserted stretches with their offsets in both texts. */
export function readableSegments(a: string, b: string): DiffSegment[] {
  const diffs: DiffMatchPatch.Diff[] = [];
  let o = 0;
  let n = 0;
  for (const r of [...equalRuns(a, b), { oldStart: a.length, newStart: b.length, length: 0 }]) {
    if (r.oldStart > o) diffs.push([-1, a.slice(o, r.oldStart)]);
    if (r.newStart > n) diffs.push([1, b.slice(n, r.newStart)]);
    if (r.length) diffs.push([0, a.slice(r.oldStart, r.oldStart + r.length)]);
    o = r.oldStart + r.length;
    n = r.newStart + r.length;
  }
  new DiffMatchPatch().diff_cleanupSemantic(diffs);
  const out: DiffSegment[] = [];
  o = 0;
  n = 0;
  for (const [op, text] of diffs) {
    out.push({ kind: op === 0 ? 'equal' : op === -1 ? 'delete' : 'insert', text, fromStart: o, toStart: n });
    if (op !== 1) o += text.length;
    if (op !== -1) n += text.length;
  }
  return out;
}

/** Runs of deletions and insertions between equal stretches. */
function hunksOf(segments: readonly DiffSegment[]): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  let cur: DiffHunk | undefined;
  for (const s of segments) {
    if (s.kind === 'equal') {
      cur = undefined;
      continue;
    }
    if (!cur) {
      cur = { fromStart: s.fromStart, fromEnd: s.fromStart, toStart: s.toStart, toEnd: s.toStart, deleted: '', inserted: '', annotations: [] };
      hunks.push(cur);
    }
    if (s.kind === 'delete') {
      cur.deleted += s.text;
      cur.fromEnd += s.text.length;
    } else {
      cur.inserted += s.text;
      cur.toEnd += s.text.length;
    }
  }
  return hunks;
}

/** Whether ranges overlap `[start, end)`, or, for an empty stretch (a pure insertion or deletion point), contain it strictly. */
function touches(ranges: readonly TextRange[], start: number, end: number): boolean {
  return ranges.some((r) => (end > start ? r.start < end && start < r.end : r.start < start && start < r.end));
}

/**
 * Where annotations stood in a version's text: the current version's from the
 * annotations themselves; an older one's from what the next update recorded,
 * kept only where the recorded quote is the text there (an annotation already
 * orphaned then has no place in it).
 */
function positionsIn(project: Project, documentId: string, version: number, text: string): Map<string, TextRange[]> {
  const out = new Map<string, TextRange[]>();
  if (version === currentVersion(project, documentId)) {
    for (const a of storedAnchors(project, documentId)) if (a.anchor !== 'orphaned') out.set(a.id, a.ranges);
    return out;
  }
  for (const r of project.versions.anchors(documentId, version + 1)) {
    if (r.oldRanges.map((x) => text.slice(x.start, x.end)).join(QUOTE_GAP) === r.oldQuote) out.set(r.annotationId, r.oldRanges);
  }
  return out;
}
