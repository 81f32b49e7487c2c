import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Scopes whose keys are the records' own ids: a UUID key is the guid. Other scopes (notes, codings…) derive theirs, so that no two elements share one. */
const IDENTITY_SCOPES = new Set(['annotation', 'document', 'entity', 'proposition']);

/** A GUID for a record: its key when that is a UUID of a record, else a name-based UUID (version 5 layout) of `scope:key`, stable across exports. */
export function guidOf(scope: string, key: string): string {
  if (IDENTITY_SCOPES.has(scope) && UUID.test(key)) return key.toLowerCase();
  const h = createHash('sha1').update(`gloss:${scope}:${key}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
