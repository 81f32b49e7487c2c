import { createHash } from 'node:crypto';
import type { Candidate } from './candidate.ts';
import { findClaims } from './claims.ts';
import { analyzeWithCompromise } from './compromise.ts';
import { findEntities } from './entities.ts';

/** Everything the engine finds in one text, independent of any project's labels. */
export interface Analysis {
  entities: readonly Candidate[];
  claims: readonly Candidate[];
}

/** Texts kept in the cache; a project rarely has more documents open in a session. */
const CACHE_SIZE = 64;
const cache = new Map<string, Analysis>();

/**
 * Finds entity and claim candidates in a text. The work (one compromise
 * parse plus the pattern rules) is cached by the text's SHA-256, so
 * listing suggestions again after an accept or a reject is immediate.
 * Every candidate is checked to lie within the text.
 */
export function analyze(text: string): Analysis {
  const key = createHash('sha256').update(text).digest('hex');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-insert: the Map's order is the least-recently-used order
    cache.set(key, hit);
    return hit;
  }
  const nlp = analyzeWithCompromise(text);
  const inText = (c: Candidate): boolean => c.start >= 0 && c.end <= text.length && c.end > c.start;
  const analysis: Analysis = {
    entities: Object.freeze(findEntities(text, nlp).filter(inText)),
    claims: Object.freeze(findClaims(text, nlp.verbStarts).filter(inText)),
  };
  cache.set(key, analysis);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return analysis;
}
