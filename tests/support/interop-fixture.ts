// A small project with everything Gloss stores about annotations, on text
// that exercises code point offsets (emoji with skin tones and ZWJ, flags,
// mathematical alphanumerics, combining marks, right-to-left text), and a
// canonical, id-free view of a project for comparing round trips.
import { createHash } from 'node:crypto';
import type { Project } from '../../electron/backend/project.ts';

export const TRICKY_TEXT = [
  'Pakistan 🇵🇰 was a key partner, said the minister 👩🏽‍💼 in 𝐖𝐚𝐬𝐡𝐢𝐧𝐠𝐭𝐨𝐧.',
  '',
  'Critics disagreed: "sidelined", wrote Zoë (Zoe\u0308) in مقال عن باكستان والمعادن.',
  '',
  'The 𝔐𝔦𝔫𝔦𝔰𝔱𝔢𝔯𝔦𝔞𝔩 ended; 🇺🇸 officials said nothing.',
].join('\n');

export const SECOND_TEXT = 'Pakistan was sidelined at the ministerial, officials said. 🇵🇰 denied it.';

/** Fills a project with two documents and one of everything. Returns the ids it made. */
export function buildRichProject(project: Project) {
  const insert = (name: string, title: string, text: string, metadata: Record<string, string>) => {
    const id = crypto.randomUUID();
    const blocks = [];
    let start = 0;
    for (const part of text.split('\n')) {
      if (part.trim()) blocks.push({ type: 'paragraph' as const, start, end: start + part.length });
      start += part.length + 1;
    }
    project.documents.insert({ id, name, title, text, blocks, metadata, contentHash: createHash('sha256').update(text).digest('hex') });
    return id;
  };
  const d1 = insert('dawn-article', 'Pakistan a key partner', TRICKY_TEXT, { format: 'txt', outlet: 'Dawn', url: 'https://example.org/dawn', language: 'en' });
  const d2 = insert('wire-report', 'Sidelined', SECOND_TEXT, { format: 'txt', author: 'A. Reporter' });
  const label = (name: string) => project.labels.findByName(name)!.id;
  const at = (text: string, s: string, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(s, i + 1);
    if (i < 0) throw new Error(`"${s}" not in text`);
    return { start: i, end: i + s.length };
  };
  const ann = (doc: string, text: string, labelName: string, ranges: { start: number; end: number }[], extra: { attributes?: Record<string, string | boolean>; note?: string } = {}) =>
    project.annotations.create({ documentId: doc, ranges, labelId: label(labelName), attributes: extra.attributes ?? {}, note: extra.note ?? '', annotator: 'ana', createdAt: '2026-02-01T10:00:00.000Z', modifiedAt: '2026-02-02T11:30:00.000Z' }, text);

  const pakistan = ann(d1, TRICKY_TEXT, 'Location', [at(TRICKY_TEXT, 'Pakistan 🇵🇰')]);
  const minister = ann(d1, TRICKY_TEXT, 'Person', [at(TRICKY_TEXT, 'the minister 👩🏽‍💼')], { note: 'unnamed — “the minister”' });
  const claim = ann(d1, TRICKY_TEXT, 'Claim', [at(TRICKY_TEXT, 'Pakistan 🇵🇰 was a key partner')], { attributes: { hedged: false, reported: true } });
  const critics = ann(d1, TRICKY_TEXT, 'Claim', [at(TRICKY_TEXT, 'Critics disagreed'), at(TRICKY_TEXT, '"sidelined"')], { note: 'two parts' });
  ann(d1, TRICKY_TEXT, 'Person', [at(TRICKY_TEXT, 'Zoe\u0308')]);
  const arabic = ann(d1, TRICKY_TEXT, 'Event', [at(TRICKY_TEXT, 'مقال عن باكستان')]);
  const math = ann(d1, TRICKY_TEXT, 'Location', [at(TRICKY_TEXT, '𝐖𝐚𝐬𝐡𝐢𝐧𝐠𝐭𝐨𝐧')]);
  const ministerial = ann(d1, TRICKY_TEXT, 'Event', [at(TRICKY_TEXT, 'The 𝔐𝔦𝔫𝔦𝔰𝔱𝔢𝔯𝔦𝔞𝔩 ended')]);
  const nested = ann(d1, TRICKY_TEXT, 'Event', [at(TRICKY_TEXT, '𝔐𝔦𝔫𝔦𝔰𝔱𝔢𝔯𝔦𝔞𝔩')]);
  const usFlag = ann(d1, TRICKY_TEXT, 'Location', [at(TRICKY_TEXT, '🇺🇸')]);
  const p2 = ann(d2, SECOND_TEXT, 'Location', [at(SECOND_TEXT, 'Pakistan')]);
  const c2 = ann(d2, SECOND_TEXT, 'Claim', [at(SECOND_TEXT, 'Pakistan was sidelined at the ministerial')]);

  const pk = project.entities.create({ name: 'Pakistan', type: 'Location', aliases: ['PK'], externalId: 'Q843', description: 'country in South Asia' });
  const ws = project.entities.create({ name: 'Washington, D.C.', type: 'Location', aliases: [], externalId: null, description: '' });
  project.entities.link([
    { annotationId: pakistan.id, entityId: pk.id },
    { annotationId: p2.id, entityId: pk.id },
    { annotationId: math.id, entityId: ws.id },
  ]);
  const prop = project.propositions.create({ text: 'Pakistan is a key partner of the US on critical minerals', note: 'the contested point' });
  const link = (annotationId: string, stance: string, more: Partial<{ hedged: boolean; reported: boolean; note: string }> = {}) =>
    project.claims.insert({ annotationId, propositionId: prop.id, stance, attribution: { entityId: null, text: '' }, hedged: false, reported: false, note: '', ...more });
  link(claim.id, 'favor', { reported: true });
  link(critics.id, 'against', { hedged: true, note: 'quoted' });
  link(c2.id, 'against');
  project.claims.setDocumentStance({ documentId: d2, propositionId: prop.id, stance: 'against', justification: 'headline says sidelined' });
  const says = project.relations.findTypeByName('Says')!;
  project.relations.create({ typeId: says.id, fromAnnotationId: minister.id, toAnnotationId: claim.id, note: 'direct quote' });
  const contradicts = project.relations.findTypeByName('Contradicts')!;
  project.relations.create({ typeId: contradicts.id, fromAnnotationId: claim.id, toAnnotationId: critics.id, note: '' });

  const standoff = project.standoff;
  const ev = standoff.addEvent({ documentId: d1, type: 'Event', triggerId: ministerial.id, args: [], attributes: { Confidence: 'High' }, note: 'the meeting' });
  standoff.setEventArgs(ev, [
    { role: 'Place', ref: math.id },
    { role: 'Participant', ref: usFlag.id },
  ]);
  standoff.addEquivalence({ documentId: d1, type: 'Alias', members: [ministerial.id, nested.id] });
  // A second reference for a mention already linked to an entity: brat keeps it as a normalization.
  standoff.addNormalization({ documentId: d1, targetId: pakistan.id, type: 'Reference', resource: 'GeoNames', externalId: '1168579', text: 'Pakistan' });
  // A second note for an annotation that has one: brat keeps both.
  standoff.addNote({ documentId: d1, targetId: minister.id, type: 'AnnotatorNotes', text: 'a second note' });
  standoff.addNote({ documentId: d1, targetId: arabic.id, type: 'Translation', text: 'an article about Pakistan' });
  return { d1, d2 };
}

/** Everything about a project's documents that round trips should keep, without ids, in a stable order. */
export function canonical(project: Project) {
  const standoff = project.standoff;
  const labels = new Map(project.labels.list().map((l) => [l.id, l]));
  return project.documents
    .list()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((summary) => {
      const doc = project.documents.get(summary.id);
      const anns = project.annotations.listByDocument(doc.id);
      const desc = new Map<string, string>();
      for (const a of anns) desc.set(a.id, `${labels.get(a.labelId)!.name}@${a.ranges.map((r) => `${r.start}-${r.end}`).join(',')}`);
      const events = standoff.events(doc.id);
      events.forEach((e) => desc.set(e.id, `event ${e.type} ${desc.get(e.triggerId)}`));
      const name = (id: string) => desc.get(id) ?? `?${id}`;
      const claims = project.claims.listByDocument(doc.id);
      const { links } = project.entities.linksByDocument(doc.id);
      return {
        name: doc.name,
        title: doc.title,
        text: doc.text,
        metadata: Object.fromEntries(Object.entries(doc.metadata).filter(([k]) => k !== 'sourcePath' && k !== 'format')),
        blocks: doc.blocks,
        annotations: anns
          .map((a) => {
            const entityId = links.find((l) => l.annotationId === a.id)?.entityId;
            const e = entityId ? project.entities.get(entityId) : undefined;
            return {
              label: labels.get(a.labelId)!.name,
              kind: labels.get(a.labelId)!.kind,
              ranges: a.ranges,
              quote: a.quote,
              attributes: a.attributes,
              note: a.note,
              annotator: a.annotator,
              createdAt: a.createdAt,
              modifiedAt: a.modifiedAt,
              entity: e ? { name: e.name, type: e.type, externalId: e.externalId, aliases: e.aliases, description: e.description } : null,
              claims: claims
                .filter((c) => c.annotationId === a.id)
                .map((c) => ({ proposition: c.propositionText, stance: c.stance, hedged: c.hedged, reported: c.reported, note: c.note })),
            };
          })
          .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
        relations: project.relations
          .listByDocument(doc.id)
          .filter((r) => r.fromDocumentId === doc.id)
          .map((r) => ({ type: project.relations.getType(r.typeId).name, from: name(r.fromAnnotationId), to: name(r.toAnnotationId), note: r.note }))
          .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
        events: events.map((e) => ({ type: e.type, trigger: name(e.triggerId), args: e.args.map((x) => ({ role: x.role, ref: name(x.ref) })), attributes: e.attributes, note: e.note })),
        equivalences: standoff.equivalences(doc.id).map((q) => ({ type: q.type, members: q.members.map(name) })),
        normalizations: standoff.normalizations(doc.id).map((n) => ({ target: name(n.targetId), type: n.type, resource: n.resource, externalId: n.externalId, text: n.text })),
        notes: standoff.notes(doc.id).map((n) => ({ target: name(n.targetId), type: n.type, text: n.text })),
        stances: project.claims.stancesByDocument(doc.id).map((s) => ({ proposition: s.propositionText, stance: s.stance, justification: s.justification })),
      };
    });
}
