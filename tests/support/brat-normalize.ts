// A brat .ann file as a multiset of id-free statements, for comparing two
// files that say the same thing with different ids: every reference is
// replaced by what it refers to (T by type and offsets, E by type and trigger,
// R by type and arguments), recursively. `M` is brat's old name for `A`.

/** The statements of an .ann file, sorted; equal lists mean the same annotations. */
export function normalizeAnn(ann: string): string[] {
  const lines = ann.split(/\r?\n/).filter((l) => l.trim());
  const byId = new Map<string, string[]>();
  for (const l of lines) {
    const fields = l.split('\t');
    if (fields[0] && fields[0] !== '*' && fields[0] !== '#') byId.set(fields[0], fields);
  }
  const memo = new Map<string, string>();
  const canon = (id: string, depth = 0): string => {
    const hit = memo.get(id);
    if (hit) return hit;
    const f = byId.get(id);
    if (!f || depth > 50) return `?${id}`;
    const head = (f[1] ?? '').trim().split(/ +/);
    let out: string;
    switch (id[0]) {
      case 'T':
        out = `T(${head[0]} ${f[1]!.trim().slice(head[0]!.length + 1)})`;
        break;
      case 'E': {
        const [type, trigger] = head[0]!.split(':') as [string, string];
        const args = head.slice(1).map((a) => a.split(':')).map(([role, ref]) => `${role}:${canon(ref!, depth + 1)}`).sort();
        out = `E(${type} ${canon(trigger, depth + 1)} [${args.join(', ')}])`;
        break;
      }
      case 'R': {
        const args = head.slice(1).map((a) => a.split(':')).map(([role, ref]) => `${role}:${canon(ref!, depth + 1)}`);
        out = `R(${head[0]} ${args.join(' ')})`;
        break;
      }
      default:
        out = `${id[0]}(${f.slice(1).join('\t')})`;
    }
    memo.set(id, out);
    return out;
  };
  const statements: string[] = [];
  for (const l of lines) {
    const f = l.split('\t');
    const id = f[0]!;
    const head = (f[1] ?? '').trim().split(/ +/);
    switch (id[0]) {
      case 'T':
        statements.push(`${canon(id)} ${f[2] ?? ''}`);
        break;
      case 'E':
      case 'R':
        statements.push(canon(id));
        break;
      case 'A':
      case 'M':
        statements.push(`A ${head[0]} ${canon(head[1]!)}${head[2] !== undefined ? ` ${head[2]}` : ''}`);
        break;
      case 'N':
        statements.push(`N ${head[0]} ${canon(head[1]!)} ${head[2]}\t${f[2] ?? ''}`);
        break;
      case '#':
        statements.push(`# ${head[0]} ${canon(head[1]!)}\t${f[2] ?? ''}`);
        break;
      case '*':
        statements.push(`* ${head[0]} ${head.slice(1).map((m) => canon(m)).sort().join(' ')}`);
        break;
      default:
        statements.push(`? ${l}`);
    }
  }
  return statements.sort();
}
