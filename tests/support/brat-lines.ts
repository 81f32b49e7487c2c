// A brat .ann file as the sorted list of its lines, ids included: two files
// hold the same annotations under the same ids exactly when the lists are
// equal. Only what brat itself ignores is normalized: trailing whitespace,
// blank lines, spaces between fields of the middle column, and line order.

/** The lines of an .ann file, normalized and sorted. */
export function annLines(ann: string): string[] {
  return ann
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+$/, ''))
    .filter(Boolean)
    .map((l) => {
      const f = l.split('\t');
      if (f[1] !== undefined) f[1] = f[1].trim().replace(/ +/g, ' ');
      return f.join('\t');
    })
    .sort();
}
