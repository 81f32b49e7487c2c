import { codePointToUtf16Many, countCodePoints, type AttributeValue, type LabelKind, type SourceMetadata } from '../../../../shared/index.ts';
import { lineBlocks } from '../../import/blocks.ts';
import { decodeUtf8 } from '../../import/decode.ts';
import { importError } from '../errors.ts';
import { claimOf, emptyBundle, emptyDocument, type Bundle, type BundleAnnotation, type BundleEvent, type BundleLabel } from '../model.ts';
import { unzipFiles } from '../zip.ts';
import { ATTRIBUTE_CODE_DESCRIPTION, ENTITY_CASE_PREFIX, LABEL_KIND_PREFIX, PROPOSITIONS_CODE } from './serialize.ts';

interface CodeInfo {
  guid: string;
  name: string;
  path: string;
  color?: string;
  description: string;
  parent?: CodeInfo;
  role: 'label' | 'attribute' | 'propositions' | 'proposition' | 'stance';
}

/**
 * Reads a REFI-QDA project (.qdpx, or a bare project.qde): TextSources become
 * documents (text from PlainTextContent or the archive's sources/), Codes
 * labels (nested codes of other tools are labels named by their path; Gloss's
 * attribute codes are attributes), PlainTextSelections with their Codings
 * annotations, Notes their notes, Users their annotators, Cases entities,
 * Links relations, and stance Codes under "Gloss propositions" claims.
 * Positions are code points. Errors name the file and the line in project.qde.
 */
export async function parseQdpx(bytes: Uint8Array, file: string): Promise<Bundle> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const entries = isZip ? unzipFiles(bytes, file) : new Map([['project.qde', bytes]]);
  const qdeName = [...entries.keys()].find((n) => n.toLowerCase().endsWith('.qde'));
  if (!qdeName) throw importError(file, undefined, 'no project.qde inside the archive');
  const where = isZip ? `${file}/${qdeName}` : file;
  const xml = decodeUtf8(entries.get(qdeName)!, where);
  // xmldom, not jsdom: a plain XML DOM is several times faster and lighter on large projects, and it knows each element's line.
  const { DOMParser } = await import('@xmldom/xmldom');
  const problems: string[] = [];
  const keep = (m: string) => problems.push(m);
  // Strict: xmldom only warns about some well-formedness errors (an end tag that closes the wrong element).
  const doc = new DOMParser({ locator: {}, errorHandler: { warning: keep, error: keep, fatalError: keep } }).parseFromString(xml, 'application/xml');
  if (problems.length || !doc?.documentElement) {
    const first = problems[0] ?? 'no root element';
    const m = /line:(\d+)/.exec(first);
    // xmldom calls an element whose end tag is missing or wrong an "unclosed xml attribute".
    const what = first.replace(/^\[xmldom [^\]]*\]\s*/, '').split(/\n|@#/)[0]!.trim().replace(/^unclosed xml attribute$/, 'an element here is not closed by its own end tag');
    throw importError(where, m ? Number(m[1]) : undefined, `not well-formed XML (${what})`);
  }
  const root = doc.documentElement;
  if (root.localName !== 'Project') throw importError(where, 1, `the root element is <${root.localName}>, not <Project>`);
  const lineOf = (el: Element) => (el as Element & { lineNumber?: number }).lineNumber;
  const kids = (el: Element, name: string) => Array.from(el.childNodes).filter((c): c is Element => c.nodeType === 1 && (c as Element).localName === name);
  const kid = (el: Element, name: string) => kids(el, name)[0];
  const all = (name: string) => Array.from(doc.getElementsByTagNameNS('*', name) as unknown as ArrayLike<Element>);
  const fail = (el: Element | undefined, message: string) => importError(where, el ? lineOf(el) : undefined, message);
  const need = (el: Element, attr: string) => {
    const v = el.getAttribute(attr);
    if (v === null || v === '') throw fail(el, `<${el.localName}> has no ${attr}`);
    return v;
  };

  // Every guid names one thing: a repeated one would make references ambiguous.
  const guids = new Map<string, Element>();
  for (const el of Array.from(doc.getElementsByTagNameNS('*', '*') as unknown as ArrayLike<Element>)) {
    const g = el.getAttribute('guid');
    if (!g) continue;
    const key = g.toLowerCase();
    const first = guids.get(key);
    if (first) throw fail(el, `the guid ${g} is used twice (first by <${first.localName}> on line ${lineOf(first) ?? '?'})`);
    guids.set(key, el);
  }
  const userGuids: Record<string, string> = {};
  for (const u of all('User')) userGuids[u.getAttribute('name') || u.getAttribute('id') || need(u, 'guid')] = need(u, 'guid');
  const users = new Map(all('User').map((u) => [need(u, 'guid'), u.getAttribute('name') || u.getAttribute('id') || need(u, 'guid')]));
  const codes = new Map<string, CodeInfo>();
  const readCodes = (el: Element, parent: CodeInfo | undefined) => {
    for (const c of kids(el, 'Code')) {
      const name = need(c, 'name');
      const description = kid(c, 'Description')?.textContent ?? '';
      const role: CodeInfo['role'] =
        parent?.role === 'propositions' ? 'proposition' : parent?.role === 'proposition' ? 'stance' : !parent && name === PROPOSITIONS_CODE ? 'propositions' : parent && description === ATTRIBUTE_CODE_DESCRIPTION ? 'attribute' : 'label';
      const info: CodeInfo = { guid: need(c, 'guid'), name, path: role === 'label' && parent?.role === 'label' ? `${parent.path} / ${name}` : name, color: c.getAttribute('color') ?? undefined, description, parent, role };
      codes.set(info.guid, info);
      readCodes(c, info);
    }
  };
  const codebook = all('Codes')[0];
  if (codebook) readCodes(codebook, undefined);

  const bundle: Bundle = { ...emptyBundle(), idScheme: 'qdpx' };
  // Labels by code guid: a code keeps its own name, its parent, description and guid; a name two codes share gets its path.
  const labels = new Map<string, BundleLabel>();
  const taken = new Set<string>();
  const labelName = new Map<string, string>();
  for (const c of codes.values()) {
    if (c.role !== 'label') continue;
    const name = taken.has(c.name) ? c.path : c.name;
    taken.add(name);
    labelName.set(c.guid, name);
    const { kind, description } = kindOf(c.description);
    const color = c.color && /^#[0-9a-fA-F]{3}$/.test(c.color) ? `#${[...c.color.slice(1)].map((h) => h + h).join('')}` : c.color;
    labels.set(name, {
      name,
      kind,
      ...(color ? { color } : {}),
      attributes: [],
      parent: c.parent?.role === 'label' ? labelName.get(c.parent.guid)! : null,
      description,
      sourceId: c.guid,
    });
  }
  const labelOfCode = (c: CodeInfo) => labelName.get(c.guid)!;
  const variables = new Map(all('Variable').map((v) => [need(v, 'guid'), v.getAttribute('name') ?? '']));
  const notes = new Map(all('Note').map((n) => [need(n, 'guid'), kid(n, 'PlainTextContent')?.textContent ?? '']));
  const selections = new Map<string, { doc: string; annotation: BundleAnnotation }>();

  for (const src of all('TextSource')) {
    if ((src.parentNode as Element | null)?.localName !== 'Sources') continue;
    const guid = need(src, 'guid');
    let text: string;
    const content = kid(src, 'PlainTextContent');
    const pathAttr = src.getAttribute('plainTextPath');
    if (content) text = content.textContent ?? '';
    else if (pathAttr) {
      const m = /^internal:\/\/(.+)$/.exec(pathAttr);
      if (!m) throw fail(src, `the text of "${src.getAttribute('name') ?? guid}" is outside the archive (${pathAttr}); Gloss reads self-contained .qdpx files`);
      const entry = entries.get(`sources/${m[1]}`) ?? [...entries].find(([n]) => n.toLowerCase() === `sources/${m[1]!.toLowerCase()}`)?.[1];
      if (!entry) throw fail(src, `unknown reference: ${pathAttr} is not in the archive`);
      text = decodeUtf8(entry, `${file}/sources/${m[1]}`);
    } else throw fail(src, 'a TextSource needs PlainTextContent or a plainTextPath');
    const name = src.getAttribute('name') || guid;
    const metadata: SourceMetadata = { format: 'qdpx' };
    for (const vv of kids(src, 'VariableValue')) {
      const ref = kid(vv, 'VariableRef')?.getAttribute('targetGUID');
      const key = ref ? variables.get(ref) : undefined;
      const value = kid(vv, 'TextValue')?.textContent;
      if (key && value && ['outlet', 'author', 'url', 'published', 'language'].includes(key)) metadata[key as 'outlet'] = value;
    }
    const d = emptyDocument({ key: guid, name, title: kid(src, 'Description')?.textContent || name, text, blocks: lineBlocks(text), metadata, file: where, sourceId: guid });
    const sels = kids(src, 'PlainTextSelection').map((sel) => {
      const selGuid = need(sel, 'guid');
      const start = Number(need(sel, 'startPosition'));
      const end = Number(need(sel, 'endPosition'));
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) throw fail(sel, `selection ${selGuid}: positions must be integers with start < end (got ${start}, ${end})`);
      return { sel, selGuid, start, end };
    });
    const length = countCodePoints(text);
    for (const x of sels) if (x.end > length) throw fail(x.sel, `selection ${x.selGuid}: position ${x.end} is past the end of the text of "${name}" (${length} characters)`);
    // One pass over the text converts every position.
    const utf16 = codePointToUtf16Many(text, sels.flatMap((x) => [x.start, x.end]));
    for (const [i, { sel, selGuid }] of sels.entries()) {
      const ranges = [{ start: utf16[2 * i]!, end: utf16[2 * i + 1]! }];
      const user = sel.getAttribute('creatingUser');
      const created = sel.getAttribute('creationDateTime') ?? undefined;
      const modified = sel.getAttribute('modifiedDateTime') ?? undefined;
      const note = kids(sel, 'NoteRef')
        .map((r) => notes.get(r.getAttribute('targetGUID') ?? ''))
        .filter((t): t is string => t !== undefined)
        .join('\n\n');
      const attributes: { label: string; name: string; value: AttributeValue }[] = [];
      const claims: { proposition: string; text: string; stance: string }[] = [];
      const made: BundleAnnotation[] = [];
      for (const coding of kids(sel, 'Coding')) {
        const ref = kid(coding, 'CodeRef')?.getAttribute('targetGUID');
        const code = ref ? codes.get(ref) : undefined;
        if (!code) throw fail(coding, `unknown reference: code ${ref ?? '(none)'} is not in the codebook`);
        if (code.role === 'label') {
          made.push({
            key: made.length ? `${selGuid}#${made.length}` : selGuid,
            label: labelOfCode(code),
            ...(made.length ? {} : { ids: { '': selGuid } }),
            ranges,
            attributes: {},
            note,
            ...(user ? { annotator: users.get(user) ?? user } : {}),
            ...(created ? { createdAt: created } : {}),
            ...(modified ? { modifiedAt: modified } : {}),
            claims: [],
            origin: { file: where, line: lineOf(sel) },
          });
        } else if (code.role === 'attribute' && code.parent) {
          const eq = code.name.indexOf('=');
          attributes.push({ label: code.parent.role === 'label' ? labelOfCode(code.parent) : code.parent.path, name: eq === -1 ? code.name : code.name.slice(0, eq), value: eq === -1 ? true : code.name.slice(eq + 1) });
        } else if (code.role === 'stance' && code.parent) {
          claims.push({ proposition: code.parent.guid, text: code.parent.name, stance: code.name });
        }
      }
      for (const at of attributes) {
        const target = made.find((m) => m.label === at.label) ?? made[0];
        if (target) target.attributes[at.name] = at.value;
        const label = labels.get(at.label);
        if (label && !label.attributes.some((x) => x.name === at.name)) label.attributes.push(at.value === true ? { name: at.name, type: 'boolean' } : { name: at.name, type: 'enum', values: [] });
        const def = label?.attributes.find((x) => x.name === at.name);
        if (def?.type === 'enum' && typeof at.value === 'string' && !def.values!.includes(at.value)) def.values!.push(at.value);
      }
      for (const c of claims) {
        const target = made.find((m) => labels.get(m.label)?.kind === 'claim') ?? made[0];
        if (!target) continue;
        if (!bundle.propositions.some((p) => p.key === c.proposition)) bundle.propositions.push({ key: c.proposition, text: c.text, note: '', sourceId: c.proposition });
        target.claims.push(claimOf(c.proposition, c.stance));
      }
      d.annotations.push(...made);
      if (made[0]) selections.set(selGuid, { doc: guid, annotation: made[0] });
    }
    bundle.documents.push(d);
  }

  for (const c of all('Case')) {
    const description = kid(c, 'Description')?.textContent ?? '';
    let info: { type?: string; externalId?: string | null; aliases?: string[]; description?: string } = {};
    if (description.startsWith(ENTITY_CASE_PREFIX)) {
      try {
        info = JSON.parse(description.slice(ENTITY_CASE_PREFIX.length));
      } catch {
        info = {};
      }
    }
    const key = need(c, 'guid');
    const mentions = kids(c, 'SelectionRef').map((r) => selections.get(r.getAttribute('targetGUID') ?? '')).filter((m) => m !== undefined);
    if (!mentions.length) continue;
    bundle.entities.push({
      key,
      name: c.getAttribute('name') || key,
      type: info.type ?? mentions[0]!.annotation.label,
      externalId: info.externalId ?? null,
      aliases: Array.isArray(info.aliases) ? info.aliases : [],
      description: typeof info.description === 'string' ? info.description : '',
      sourceId: key,
    });
    for (const m of mentions) m.annotation.entity = key;
  }
  const events = new Map<string, BundleEvent>();
  const equivalences = new Map<string, { doc: string; type: string; members: Set<string> }>();
  for (const l of all('Link')) {
    const from = selections.get(l.getAttribute('originGUID') ?? '');
    const to = selections.get(l.getAttribute('targetGUID') ?? '');
    if (!from || !to) continue; // links between codes, notes or sources are not relations between annotations
    const type = l.getAttribute('name') || 'Link';
    const fromDoc0 = bundle.documents.find((d) => d.key === from.doc)!;
    // Gloss writes an event as links from its trigger, one per argument ("event:TYPE:ROLE"), and an equivalence as links "equivalence:TYPE".
    const ev = /^event:([^:]+)(?::(.+))?$/.exec(type);
    if (ev && to.doc === from.doc) {
      const key = `${from.annotation.key}\u0000${ev[1]}`;
      let e = events.get(key);
      if (!e) {
        e = { key: `event:${key}`, type: ev[1]!, trigger: from.annotation.key, args: [], attributes: {}, note: '', origin: { file: where, line: lineOf(l) } };
        events.set(key, e);
        fromDoc0.events.push(e);
      }
      if (ev[2]) e.args.push({ role: ev[2], ref: to.annotation.key });
      continue;
    }
    const eq = /^equivalence:(.+)$/.exec(type);
    if (eq && to.doc === from.doc) {
      const group = [...equivalences.values()].find((g) => g.doc === from.doc && g.type === eq[1] && (g.members.has(from.annotation.key) || g.members.has(to.annotation.key)));
      if (group) group.members.add(from.annotation.key).add(to.annotation.key);
      else equivalences.set(need(l, 'guid'), { doc: from.doc, type: eq[1]!, members: new Set([from.annotation.key, to.annotation.key]) });
      continue;
    }
    const fromDoc = bundle.documents.find((d) => d.key === from.doc)!;
    const note = kids(l, 'NoteRef')
      .map((r) => notes.get(r.getAttribute('targetGUID') ?? ''))
      .filter((t): t is string => t !== undefined)
      .join('\n\n');
    fromDoc.relations.push({ key: need(l, 'guid'), type, from: from.annotation.key, to: to.annotation.key, ...(to.doc !== from.doc ? { toDocument: to.doc } : {}), note, ids: { '': need(l, 'guid') }, origin: { file: where, line: lineOf(l) } });
    if (!bundle.relationTypes.some((t) => t.name === type)) bundle.relationTypes.push({ name: type });
  }
  for (const g of equivalences.values()) bundle.documents.find((d) => d.key === g.doc)!.equivalences.push({ type: g.type, members: [...g.members] });
  bundle.labels = [...labels.values()];
  const sets = all('Set').map((set) => ({
    guid: need(set, 'guid'),
    name: need(set, 'name'),
    description: kid(set, 'Description')?.textContent ?? '',
    codes: kids(set, 'MemberCode').map((m) => need(m, 'targetGUID')),
    sources: kids(set, 'MemberSource').map((m) => need(m, 'targetGUID')),
    notes: kids(set, 'MemberNote').map((m) => need(m, 'targetGUID')),
  }));
  bundle.extra = { users: userGuids, sets } satisfies QdpxExtra;
  return bundle;
}

/** What a project keeps from REFI-QDA that Gloss has no record for: user guids by name, and sets of codes and sources. */
export interface QdpxExtra {
  users: Record<string, string>;
  sets: { guid: string; name: string; description: string; codes: string[]; sources: string[]; notes: string[] }[];
}

/** A label's kind from the marker Gloss adds to a code's description (a last line), and the description without it. */
function kindOf(description: string): { kind: LabelKind; description: string } {
  const m = new RegExp(`(?:^|\\n\\n)${LABEL_KIND_PREFIX}(entity|claim|other)\\s*$`).exec(description);
  return m ? { kind: m[1] as LabelKind, description: description.slice(0, m.index) } : { kind: 'entity', description };
}

