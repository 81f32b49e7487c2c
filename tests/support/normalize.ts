const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;

/** The placeholder for an id, by first appearance in `ids` (shared across the texts compared). */
export function placeholder(ids: Map<string, string>, id: string): string {
  if (!ids.has(id)) ids.set(id, `<ID${ids.size}>`);
  return ids.get(id)!;
}

/**
 * Output of two runs (two engines) made comparable: UUIDs become `<ID0>`,
 * `<ID1>`… by first appearance, ISO times `<TIME>`.
 */
export function normalizeIds(text: string, ids: Map<string, string> = new Map()): string {
  return text.replace(UUID, (id) => placeholder(ids, id)).replace(ISO_TIME, '<TIME>');
}
