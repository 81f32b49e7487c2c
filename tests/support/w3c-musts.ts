// The W3C Web Annotation test suite's must-assertions, run with a draft-04
// JSON Schema validator (ajv 6). Definitions are registered by their `id`;
// assertion files are read by the paths annotationMusts.test lists, matched
// case-insensitively (one differs from its file name only by letter case).
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { SHARED_DIR } from './paths.ts';

export const W3C_DIR = path.join(SHARED_DIR, 'interop', 'w3c-web-annotation');

interface Must {
  file: string;
  title: string;
  validate: Ajv.ValidateFunction;
}

let cached: Must[] | undefined;

/** Every must-assertion of the suite, compiled. */
export function loadMusts(): Must[] {
  if (cached) return cached;
  const ajv = new Ajv({ schemaId: 'id', meta: false, validateSchema: false, unknownFormats: 'ignore', allErrors: false });
  const draft04 = JSON.parse(fs.readFileSync(require_resolve('ajv/lib/refs/json-schema-draft-04.json'), 'utf8'));
  ajv.addMetaSchema(draft04);
  (ajv as unknown as { _opts: { defaultMeta: string } })._opts.defaultMeta = draft04.id;
  const defsDir = path.join(W3C_DIR, 'definitions');
  for (const f of fs.readdirSync(defsDir).filter((n) => n.endsWith('.json'))) {
    const schema = JSON.parse(fs.readFileSync(path.join(defsDir, f), 'utf8'));
    ajv.addSchema(schema, schema.id ?? f);
  }
  const list = JSON.parse(fs.readFileSync(path.join(W3C_DIR, 'annotations', 'annotationMusts.test'), 'utf8')) as { assertions: string[] };
  cached = list.assertions.map((rel) => {
    const file = findCaseInsensitive(W3C_DIR, rel);
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    // Assertion ids differ from their file names and are not needed: refs resolve against the definitions' ids.
    delete schema.id;
    return { file: rel, title: String(schema.title ?? rel), validate: ajv.compile(schema) };
  });
  return cached;
}

/** The must-assertions an annotation fails, as `file: message`; empty when it passes all. */
export function failedMusts(annotation: unknown): string[] {
  return loadMusts()
    .filter((m) => !m.validate(annotation))
    .map((m) => `${m.file}: ${JSON.stringify(m.validate.errors?.[0] ?? {})}`);
}

function findCaseInsensitive(root: string, rel: string): string {
  let dir = root;
  for (const part of rel.split('/')) {
    const hit = fs.readdirSync(dir).find((e) => e.toLowerCase() === part.toLowerCase());
    if (!hit) throw new Error(`${rel}: not found under ${root}`);
    dir = path.join(dir, hit);
  }
  return dir;
}

function require_resolve(spec: string): string {
  return path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'node_modules', spec);
}
