import type { Project } from '../../project.ts';
import { loadBundle } from '../load.ts';
import type { Bundle, BundleDocument } from '../model.ts';
import type { RunOptions } from '../progress.ts';
import { manyRangesToCodePoints } from '../text.ts';

/**
 * Gloss JSONL: one document per line with its text and everything attached
 * to it: annotations (with their entity and claim links), relations, events,
 * equivalences, normalizations, typed notes and document stances. Entities
 * and propositions are written where they are used, so that each line stands
 * alone. Offsets are Unicode code points (as in brat and W3C and Python), not
 * UTF-16 code units.
 */
export function* exportJsonl(project: Project, documentIds?: readonly string[], options: RunOptions = {}): Generator<string> {
  yield* jsonlLines(loadBundle(project, documentIds, options));
}

/** The lines of a bundle, each ending in a newline. */
export function* jsonlLines(bundle: Bundle): Generator<string> {
  for (const doc of bundle.documents) yield JSON.stringify(documentRecord(doc, bundle)) + '\n';
}

/** One document's record. */
export function documentRecord(doc: BundleDocument, bundle: Bundle) {
  const labels = new Map(bundle.labels.map((l) => [l.name, l]));
  const entities = new Map(bundle.entities.map((e) => [e.key, e]));
  const propositions = new Map(bundle.propositions.map((p) => [p.key, p]));
  // One pass over the text converts every offset: blocks, then annotation ranges.
  const [blockRanges, annotationRanges] = [
    manyRangesToCodePoints(doc.text, doc.blocks, (b) => [b]),
    manyRangesToCodePoints(doc.text, doc.annotations, (a) => a.ranges),
  ];
  const entity = (key: string) => {
    const e = entities.get(key);
    return { id: key, name: e?.name ?? key, type: e?.type ?? '', externalId: e?.externalId ?? null, aliases: e?.aliases ?? [], description: e?.description ?? '' };
  };
  const proposition = (key: string) => {
    const p = propositions.get(key);
    return { id: key, text: p?.text ?? '', note: p?.note ?? '' };
  };
  return {
    id: doc.key,
    name: doc.name,
    title: doc.title,
    metadata: doc.metadata,
    text: doc.text,
    blocks: doc.blocks.map((b, i) => ({ ...b, start: blockRanges[i]![0]!.start, end: blockRanges[i]![0]!.end })),
    annotations: doc.annotations.map((a, i) => {
      const ranges = annotationRanges[i]!;
      return {
        id: a.key,
        start: ranges[0]!.start,
        end: ranges[ranges.length - 1]!.end,
        ranges,
        quote: a.ranges.map((r) => doc.text.slice(r.start, r.end)).join(' … '),
        label: a.label,
        labelKind: labels.get(a.label)?.kind,
        attributes: a.attributes,
        note: a.note,
        annotator: a.annotator,
        created: a.createdAt,
        modified: a.modifiedAt,
        ...(a.entity !== undefined ? { entity: entity(a.entity) } : {}),
        ...(a.claims.length
          ? {
              claims: a.claims.map((c) => ({
                proposition: proposition(c.proposition),
                stance: c.stance,
                hedged: c.hedged,
                reported: c.reported,
                note: c.note,
                attribution: { entity: c.attribution.entity !== null ? entity(c.attribution.entity) : null, text: c.attribution.text },
              })),
            }
          : {}),
      };
    }),
    relations: doc.relations.map((r) => ({
      id: r.key,
      type: r.type,
      from: r.from,
      to: r.to,
      ...(r.toDocument ? { toDocument: r.toDocument } : {}),
      note: r.note,
      ...(r.fromRole ? { fromRole: r.fromRole, toRole: r.toRole } : {}),
      ...(r.attributes && Object.keys(r.attributes).length ? { attributes: r.attributes } : {}),
    })),
    events: doc.events.map((e) => ({ id: e.key, type: e.type, trigger: e.trigger, args: e.args, attributes: e.attributes, note: e.note })),
    equivalences: doc.equivalences.map((q) => ({ type: q.type, members: q.members })),
    normalizations: doc.normalizations.map((n) => ({ target: n.target, type: n.type, resource: n.resource, externalId: n.externalId, text: n.text })),
    notes: doc.notes.map((n) => ({ target: n.target, type: n.type, text: n.text })),
    stances: doc.stances.map((s) => ({ proposition: proposition(s.proposition), stance: s.stance, justification: s.justification })),
  };
}
