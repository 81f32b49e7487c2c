import { MISSING, type Column } from './coefficients.ts';
import type { AgreementDocument } from './input.ts';

/** The value of an annotator whose claims on one proposition in one document disagree. */
export const MIXED = 'mixed';

/**
 * Stance items are (document, proposition) pairs. An annotator's value is
 * the stance of their claims on that proposition in that document when these
 * agree, `mixed` when they don't, and missing when they made none.
 * Returns one column per annotator (values are stance codes).
 */
export function stanceColumns(documents: readonly AgreementDocument[], annotators: readonly string[]): Column[] {
  const index = new Map(annotators.map((a, i) => [a, i]));
  const codes = new Map<string, number>();
  const code = (v: string) => {
    let c = codes.get(v);
    if (c === undefined) codes.set(v, (c = codes.size));
    return c;
  };
  // item key → per annotator: the stances seen
  const items = new Map<string, (Set<string> | undefined)[]>();
  for (const d of documents) {
    for (const c of d.claims) {
      const i = index.get(c.annotator);
      if (i === undefined) continue;
      const key = `${d.id}\u0000${c.proposition}`;
      let values = items.get(key);
      if (!values) items.set(key, (values = new Array(annotators.length)));
      (values[i] ??= new Set()).add(c.stance);
    }
  }
  const columns = annotators.map(() => new Int32Array(items.size));
  let k = 0;
  for (const values of items.values()) {
    annotators.forEach((_, i) => {
      const set = values[i];
      columns[i]![k] = !set ? MISSING : set.size === 1 ? code([...set][0]!) : code(MIXED);
    });
    k++;
  }
  return columns;
}
