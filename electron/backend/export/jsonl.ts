import { utf16ToCodePointMany, type Annotation, type Document, type Label } from '../../../shared/index.ts';
import type { Project } from '../project.ts';

/**
 * Gloss JSONL: one document per line with its text and annotations. Offsets
 * are in Unicode code points (as in brat and W3C), not UTF-16 code units.
 */
export function* exportJsonl(project: Project, documentIds?: readonly string[]): Generator<string> {
  const labels = new Map(project.labels.list().map((l) => [l.id, l]));
  const ids = documentIds ?? project.documents.list().map((d) => d.id);
  for (const id of ids) {
    const doc = project.documents.get(id);
    yield JSON.stringify(documentRecord(doc, project.annotations.listByDocument(id), labels)) + '\n';
  }
}

export function documentRecord(doc: Document, annotations: readonly Annotation[], labels: ReadonlyMap<string, Label>) {
  // One pass over the text converts every offset: blocks first, then annotation ranges.
  const offsets = [...doc.blocks.flatMap((b) => [b.start, b.end]), ...annotations.flatMap((a) => a.ranges.flatMap((r) => [r.start, r.end]))];
  const cps = utf16ToCodePointMany(doc.text, offsets);
  let k = 0;
  const blocks = doc.blocks.map((b) => ({ ...b, start: cps[k++]!, end: cps[k++]! }));
  return {
    id: doc.id,
    name: doc.name,
    title: doc.title,
    metadata: doc.metadata,
    contentHash: doc.contentHash,
    text: doc.text,
    blocks,
    annotations: annotations.map((a) => {
      const ranges = a.ranges.map(() => ({ start: cps[k++]!, end: cps[k++]! }));
      return {
        id: a.id,
        start: ranges[0]!.start,
        end: ranges[ranges.length - 1]!.end,
        ranges,
        quote: a.quote,
        prefix: a.prefix,
        suffix: a.suffix,
        label: labels.get(a.labelId)?.name ?? a.labelId,
        labelKind: labels.get(a.labelId)?.kind,
        attributes: a.attributes,
        note: a.note,
        annotator: a.annotator,
        created: a.createdAt,
        modified: a.modifiedAt,
      };
    }),
  };
}

