/** What is needed to tell documents apart. */
export interface LabelledDocument {
  id: string;
  title: string;
  name: string;
  metadata?: { outlet?: string | undefined; published?: string | undefined };
}

/**
 * A label per document that tells apart documents with the same title: the
 * title alone when it is unique; otherwise the title with the outlet and date
 * ("Title (Dawn, 2025-09-30)"), and the file name where those still collide.
 * Used everywhere a document is named: the library, the propositions page,
 * compare, pickers.
 */
export function distinctTitles(docs: readonly LabelledDocument[]): Map<string, string> {
  const key = (s: string) => s.trim().toLowerCase();
  const byTitle = new Map<string, LabelledDocument[]>();
  for (const d of docs) {
    const k = key(d.title);
    byTitle.set(k, [...(byTitle.get(k) ?? []), d]);
  }
  const out = new Map<string, string>();
  for (const group of byTitle.values()) {
    if (group.length === 1) {
      out.set(group[0]!.id, group[0]!.title);
      continue;
    }
    const source = (d: LabelledDocument) => [d.metadata?.outlet, d.metadata?.published?.slice(0, 10)].filter(Boolean).join(', ');
    const counts = new Map<string, number>();
    for (const d of group) counts.set(source(d), (counts.get(source(d)) ?? 0) + 1);
    for (const d of group) {
      const s = source(d);
      const detail = s && counts.get(s) === 1 ? s : [s, d.name].filter(Boolean).join(', ');
      out.set(d.id, `${d.title} (${detail})`);
    }
  }
  return out;
}

/** The label of one document among others (see {@link distinctTitles}). */
export function documentLabel(doc: LabelledDocument, all: readonly LabelledDocument[]): string {
  return distinctTitles(all).get(doc.id) ?? doc.title;
}
