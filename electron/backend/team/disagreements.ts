import type { Annotation, Disagreement } from '../../../shared/index.ts';
import type { Project } from '../project.ts';

/**
 * Where annotator B's layer differs from A's, per document in reading order:
 * A's span with no counterpart (missing), B's with none (extra), the same label
 * over a different extent (boundary), the same extent under another label
 * (label), and matching spans whose claim links differ (stance).
 */
export function disagreements(project: Project, a: string, b: string, documentIds?: readonly string[], labels?: readonly string[]): Disagreement[] {
  const ids = documentIds ?? project.documents.ids();
  const allLabels = project.labels.list();
  const wanted = labels ? new Set(labels.map((l) => l.toLowerCase())) : null;
  const labelName = new Map(allLabels.map((l) => [l.id, l.name]));
  const keep = (x: Annotation) => !wanted || wanted.has((labelName.get(x.labelId) ?? '').toLowerCase());
  const out: Disagreement[] = [];
  const name = (x: Annotation | null) => (x ? (labelName.get(x.labelId) ?? x.labelId) : null);
  const push = (documentId: string, kind: Disagreement['kind'], x: Annotation | null, y: Annotation | null, detail: string) =>
    out.push({ documentId, kind, a: x, b: y, aLabel: name(x), bLabel: name(y), detail });
  for (const documentId of ids) {
    const all = project.annotations.listByDocument(documentId).filter(keep);
    const as = all.filter((x) => x.annotator === a);
    const bs = all.filter((x) => x.annotator === b);
    const usedB = new Set<string>();
    const claims = (x: Annotation) =>
      project.claims
        .forAnnotation(x.id)
        .map((c) => `${c.propositionText}: ${c.stance}`)
        .sort()
        .join('; ');
    for (const x of as) {
      const free = bs.filter((y) => !usedB.has(y.id));
      const exact = free.find((y) => y.labelId === x.labelId && sameRanges(x, y));
      if (exact) {
        usedB.add(exact.id);
        const ca = claims(x);
        const cb = claims(exact);
        if (ca !== cb) push(documentId, 'stance', x, exact, `${a}: ${ca || 'no claim link'} · ${b}: ${cb || 'no claim link'}`);
        continue;
      }
      const relabelled = free.find((y) => sameRanges(x, y));
      if (relabelled) {
        usedB.add(relabelled.id);
        push(documentId, 'label', x, relabelled, `${name(x)} / ${name(relabelled)}: “${x.quote}”`);
        continue;
      }
      const shifted = free.find((y) => y.labelId === x.labelId && overlaps(x, y));
      if (shifted) {
        usedB.add(shifted.id);
        push(documentId, 'boundary', x, shifted, `“${x.quote}” / “${shifted.quote}”`);
        continue;
      }
      push(documentId, 'missing', x, null, `only ${a}: ${name(x)} “${x.quote}”`);
    }
    for (const y of bs) if (!usedB.has(y.id)) push(documentId, 'extra', null, y, `only ${b}: ${name(y)} “${y.quote}”`);
  }
  return out;
}

function sameRanges(x: Annotation, y: Annotation): boolean {
  return x.ranges.length === y.ranges.length && x.ranges.every((r, i) => r.start === y.ranges[i]!.start && r.end === y.ranges[i]!.end);
}

function overlaps(x: Annotation, y: Annotation): boolean {
  return x.ranges.some((r) => y.ranges.some((s) => r.start < s.end && s.start < r.end));
}
