import type { Annotation } from '../../../shared/index.ts';

/**
 * The annotations after a refresh: the fresh list from the store, except
 * where this tab changed its own since the refresh began (`base` is the map
 * then, `local` the map now): an annotation it tagged, edited or deleted
 * meanwhile (its save may not have reached the store when the list was read)
 * stays as this tab has it.
 */
export function mergeRefresh(base: ReadonlyMap<string, Annotation>, local: ReadonlyMap<string, Annotation>, fresh: readonly Annotation[]): ReadonlyMap<string, Annotation> {
  const out = new Map(fresh.map((a) => [a.id, a]));
  if (local === base) return out;
  for (const [id, a] of local) if (base.get(id) !== a) out.set(id, a);
  for (const id of base.keys()) if (!local.has(id)) out.delete(id);
  return out;
}
