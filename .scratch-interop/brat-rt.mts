import fs from 'node:fs';
import path from 'node:path';
import { parseBrat, serializeBrat } from '../electron/backend/interop/brat/index.ts';
import { normalizeAnn } from '../tests/support/brat-normalize.ts';
const root = '/work/shared/interop/brat';
for (const dir of fs.readdirSync(root).filter((d) => fs.statSync(path.join(root, d)).isDirectory())) {
  const files = fs.readdirSync(path.join(root, dir)).map((f) => ({ name: path.join(root, dir, f), bytes: fs.readFileSync(path.join(root, dir, f)) }));
  const bundle = parseBrat(files);
  const out = serializeBrat(bundle);
  let bad = 0;
  for (const f of out.files.filter((f) => f.path.endsWith('.ann'))) {
    const orig = fs.readFileSync(path.join(root, dir, f.path), 'utf8');
    const a = normalizeAnn(orig), b = normalizeAnn(f.data as string);
    if (JSON.stringify(a) !== JSON.stringify(b)) { bad++; const sa = new Set(a), sb = new Set(b); console.log(dir, f.path, 'missing', a.filter(x => !sb.has(x)).slice(0, 3), 'extra', b.filter(x => !sa.has(x)).slice(0, 3)); }
  }
  console.log(dir, bundle.documents.length, 'docs', out.files.length, 'files', 'bad', bad, 'warnings', bundle.warnings.length, out.warnings.length);
}
