import { createHash, randomUUID } from 'node:crypto';
import { GlossError, normalizeRanges, type AttributeDefinition, type LabelKind, type TextRange } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import type { SourceId, SourceIdStore } from '../store/source-ids.ts';
import type { StandoffStore } from '../store/standoff.ts';
import { PALETTE } from '../tagset/colors.ts';
import { errorAt } from './errors.ts';
import type { Bundle, BundleDocument, BundleLabel, BundleRelationType, Origin, SourceIds } from './model.ts';
import { checkAborted, type RunOptions } from './progress.ts';

/** What an import stored. */
export interface StoreResult {
  /** New documents, in bundle order. */
  documentIds: string[];
  /** The stored id of every document of the bundle that is not a stub, in bundle order: new, or the project's document with the same text. */
  storedIds: string[];
  /** Documents already in the project that received annotations. */
  annotatedIds: string[];
  counts: { documents: number; annotations: number; relations: number; events: number; claims: number; entities: number; propositions: number };
  /** New annotations per annotator. */
  byAnnotator: Record<string, number>;
  /** What was left out, and why (e.g. a relation given twice). */
  warnings: string[];
  /** Records that disagree with what the project holds and were left out (e.g. another document stance by the same annotator). */
  conflicts: string[];
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * Stores a bundle in one transaction (the caller's, when one is under way): documents, labels and relation types
 * (matched by name, created when missing; existing ones only gain attribute
 * definitions), entities (matched by id, then external id), propositions
 * (matched by id, then text), annotations, entity links, claim links,
 * relations, document stances and the standoff extras. Any error rolls back
 * everything and names the file and line the record came from.
 */
export function storeBundle(project: Project, bundle: Bundle, options: RunOptions = {}): StoreResult {
  // Within a merge's or an import's transaction, part of it (no savepoint of its own: see joinTransaction).
  return project.joinTransaction(() => new BundleWriter(project, bundle, options).write());
}

class BundleWriter {
  private readonly standoff: StandoffStore;
  private readonly labelIds = new Map<string, string>();
  private readonly typeIds = new Map<string, string>();
  private readonly entityIds = new Map<string, string>();
  private readonly propositionIds = new Map<string, string>();
  private readonly docIds = new Map<BundleDocument, string>();
  /** Per document: bundle keys of annotations, events and relations to stored ids. */
  private readonly refs = new Map<BundleDocument, Map<string, string>>();
  private readonly result: StoreResult = {
    documentIds: [],
    storedIds: [],
    annotatedIds: [],
    counts: { documents: 0, annotations: 0, relations: 0, events: 0, claims: 0, entities: 0, propositions: 0 },
    byAnnotator: {},
    warnings: [],
    conflicts: [],
  };
  private readonly labelHints: Map<string, BundleLabel>;
  private readonly typeHints: Map<string, BundleRelationType>;
  private paletteIndex: number | undefined;
  /** Read once: the project's annotator setting (or the system user) for records that name none. */
  private readonly annotator: string;
  private readonly sourceIds: SourceIdStore;
  private readonly scheme: string | undefined;
  /** Entities and propositions an earlier import of this scheme gave keys: `entity|pakistan` → Gloss id. */
  private readonly knownKeys = new Map<string, string>();
  /** Source ids to record, per document (null: project-wide). */
  private readonly pendingIds = new Map<string | null, SourceId[]>();
  /** Same-text and same-annotation matching (re-imports and merges add nothing twice). */
  private readonly dedupe: Dedupe;

  constructor(
    private readonly project: Project,
    private readonly bundle: Bundle,
    private readonly options: RunOptions,
  ) {
    this.standoff = project.standoff;
    // Names are matched exactly: a corpus's PERSON or supports is its own type, not the built-in Person or Supports.
    this.labelHints = new Map(bundle.labels.map((l) => [l.name, l]));
    this.typeHints = new Map(bundle.relationTypes.map((t) => [t.name, t]));
    this.sourceIds = project.sourceIds;
    this.scheme = bundle.idScheme;
    if (this.scheme) for (const x of this.sourceIds.global(this.scheme).values()) if (x.part === 'entity' || x.part === 'proposition') this.knownKeys.set(`${x.part}|${x.sourceId}`, x.owner);
    this.annotator = options.annotator ?? project.annotator;
    this.dedupe = new Dedupe(project);
  }

  write(): StoreResult {
    const docs = this.bundle.documents;
    const total = docs.length;
    this.stanceValues();
    for (const l of this.bundle.labels) this.label(l.name, undefined, undefined);
    this.labelTree();
    for (const t of this.bundle.relationTypes) this.relationType(t.name, undefined, undefined);
    for (const doc of docs) if (!doc.stub) this.insertDocument(doc);
    for (const doc of docs) if (doc.stub) this.resolveStub(doc);
    docs.forEach((doc, i) => {
      checkAborted(this.options.signal);
      this.options.onProgress?.({ phase: 'store', done: i, total, item: doc.file ?? doc.name });
      this.annotations(doc);
    });
    for (const doc of docs) {
      checkAborted(this.options.signal);
      this.links(doc);
    }
    if (this.scheme) {
      for (const [documentId, ids] of this.pendingIds) this.sourceIds.put(this.scheme, documentId, ids);
      if (this.bundle.extra !== undefined) this.sourceIds.put(this.scheme, null, [{ owner: 'project', part: 'extra', sourceId: '', extra: this.bundle.extra }]);
    }
    this.options.onProgress?.({ phase: 'store', done: total, total });
    return this.result;
  }

  /** Notes the ids a format gave a record, to be stored with the bundle's scheme. */
  private keepIds(documentId: string | null, owner: string, ids: SourceIds | undefined, prefix = '', extra?: unknown): void {
    if (!this.scheme) return;
    const list = this.pendingIds.get(documentId) ?? [];
    for (const [part, sourceId] of Object.entries(ids ?? {})) list.push({ owner, part: prefix + part, sourceId, ...(part === '' && extra !== undefined ? { extra } : {}) });
    if (extra !== undefined && !(ids && '' in ids)) list.push({ owner, part: prefix, sourceId: '', extra });
    this.pendingIds.set(documentId, list);
  }

  /** Stance values the bundle uses that the project lacks join its stance set (a corpus's own set wins over refusing its claims). */
  private stanceValues(): void {
    const used = new Set(this.bundle.stanceValues ?? []);
    for (const d of this.bundle.documents) {
      for (const a of d.annotations) for (const c of a.claims) used.add(c.stance);
      for (const s of d.stances) used.add(s.stance);
    }
    if (!used.size) return;
    const set = this.project.claims.stanceSet();
    const missing = [...used].filter((v) => v && !set.values.includes(v));
    if (missing.length) this.guard(undefined, 'import', () => this.project.claims.setStanceSet([...set.values, ...missing], set.defaultValue, {}));
  }

  /** Parents, descriptions and guids of the bundle's labels (a REFI-QDA code tree). */
  private labelTree(): void {
    for (const l of this.bundle.labels) {
      if (l.parent === undefined && l.description === undefined && l.sourceId === undefined) continue;
      const id = this.label(l.name, undefined, undefined);
      const parentId = l.parent ? this.label(l.parent, undefined, undefined) : null;
      this.guard(undefined, 'import', () =>
        this.project.labels.setTreeFields(id, { ...(l.parent !== undefined ? { parentId } : {}), ...(l.description !== undefined ? { description: l.description } : {}), ...(l.sourceId !== undefined ? { guid: l.sourceId } : {}) }),
      );
    }
  }

  private insertDocument(doc: BundleDocument): void {
    if (!doc.text.trim()) throw errorAt(undefined, doc.file ?? doc.name, 'the document holds no text');
    // Whatever the format, a NUL in the text is refused as a NUL byte in a .txt file is.
    const nul = doc.text.indexOf('\u0000');
    if (nul !== -1) throw errorAt(undefined, doc.file ?? doc.name, `${doc.name ? `document "${doc.name}": ` : ''}a NUL character at offset ${nul}: this looks like binary data, not text`);
    const contentHash = createHash('sha256').update(doc.text).digest('hex');
    // The same text (after the importer's normalization) is the same document: its annotations join it.
    const same = this.dedupe.documentWithText(contentHash, doc.text);
    if (same) {
      this.docIds.set(doc, same);
      this.result.storedIds.push(same);
      if (!this.result.annotatedIds.includes(same)) this.result.annotatedIds.push(same);
      return;
    }
    const id = randomUUID();
    this.project.documents.insert({
      id,
      name: doc.name || doc.key,
      title: doc.title || doc.name || doc.key,
      text: doc.text,
      blocks: doc.blocks,
      metadata: doc.metadata,
      contentHash,
    });
    this.docIds.set(doc, id);
    if (doc.sourceId !== undefined || doc.extra !== undefined) this.keepIds(id, id, doc.sourceId !== undefined ? { '': doc.sourceId } : undefined, '', doc.extra);
    this.result.documentIds.push(id);
    this.result.storedIds.push(id);
    this.result.counts.documents++;
  }

  private resolveStub(doc: BundleDocument): void {
    if (doc.existing) {
      this.docIds.set(doc, doc.existing);
      if (!this.result.annotatedIds.includes(doc.existing)) this.result.annotatedIds.push(doc.existing);
      return;
    }
    const target = this.bundle.documents.find((d) => !d.stub && d.key === doc.key);
    if (!target) throw errorAt(undefined, doc.file ?? doc.key, `unknown reference: no document ${doc.key} in this import`);
    this.docIds.set(doc, this.docIds.get(target)!);
    // Stubs share their target's keys: a relation in one may name an annotation of the other.
    this.refs.set(doc, this.refsOf(target));
  }

  private refsOf(doc: BundleDocument): Map<string, string> {
    let m = this.refs.get(doc);
    if (!m) {
      m = new Map();
      this.refs.set(doc, m);
    }
    return m;
  }

  private annotations(doc: BundleDocument): void {
    const documentId = this.docIds.get(doc)!;
    const refs = this.refsOf(doc);
    const file = doc.file ?? doc.name;
    for (const a of doc.annotations) {
      const labelId = this.label(a.label, a.origin, file);
      const annotator = a.annotator || this.annotator;
      const existing = this.dedupe.annotation(documentId, annotator, labelId, a.ranges);
      if (existing) {
        // Already in the project, as this annotator made it: only what it lacks is added.
        if (refs.has(a.key)) throw errorAt(a.origin, file, `the id ${a.key} is used twice`);
        refs.set(a.key, existing);
        this.dedupe.known.add(existing);
        if (a.entity !== undefined && !this.dedupe.entityOf(existing)) this.project.entities.link([{ annotationId: existing, entityId: this.entity(a.entity, a.origin, file) }]);
        this.claimLinks(documentId, existing, a, file, this.dedupe.propositionsOf(existing));
        continue;
      }
      const storedId = this.guard(a.origin, file, () =>
        this.project.annotations.add(
          {
            documentId,
            ranges: a.ranges,
            labelId,
            attributes: a.attributes,
            note: a.note,
            annotator,
            ...(a.createdAt ? { createdAt: a.createdAt } : {}),
            ...(a.modifiedAt ? { modifiedAt: a.modifiedAt } : {}),
          },
          doc.text,
        ),
      );
      if (refs.has(a.key)) throw errorAt(a.origin, file, `the id ${a.key} is used twice`);
      refs.set(a.key, storedId);
      this.keepIds(documentId, storedId, a.ids, '', a.extra);
      this.result.counts.annotations++;
      this.result.byAnnotator[annotator] = (this.result.byAnnotator[annotator] ?? 0) + 1;
      if (a.entity !== undefined) this.project.entities.link([{ annotationId: storedId, entityId: this.entity(a.entity, a.origin, file) }]);
      this.claimLinks(documentId, storedId, a, file, new Set());
    }
  }

  /** Stores an annotation's claim links, leaving out propositions it is already linked to. */
  private claimLinks(documentId: string, annotationId: string, a: BundleDocument['annotations'][number], file: string, linked: Set<string>): void {
    for (const c of a.claims) {
      this.guard(a.origin, file, () => this.project.claims.assertStance(c.stance));
      const propositionId = this.proposition(c.proposition, a.origin, file);
      if (linked.has(propositionId)) continue;
      linked.add(propositionId);
      this.keepIds(documentId, annotationId, c.ids, `claim:${propositionId}:`);
      this.project.claims.add({
        annotationId,
        propositionId,
        stance: c.stance,
        attribution: { entityId: c.attribution.entity !== null ? this.entity(c.attribution.entity, a.origin, file) : null, text: c.attribution.text },
        hedged: c.hedged,
        reported: c.reported,
        note: c.note,
      });
      this.result.counts.claims++;
    }
  }

  /** Relations, events, equivalences, normalizations, notes and document stances: they refer to annotations. */
  private links(doc: BundleDocument): void {
    const documentId = this.docIds.get(doc)!;
    const refs = this.refsOf(doc);
    const file = doc.file ?? doc.name;
    const ref = (key: string, origin: Origin | undefined, what: string, map = refs): string => {
      const id = map.get(key);
      if (!id) throw errorAt(origin, file, `unknown reference ${key} in ${what}`);
      return id;
    };
    // Records whose annotations were all in the project already were imported before: left as they are.
    const known = (keys: readonly string[], map = refs) => keys.length > 0 && keys.every((k) => this.dedupe.known.has(map.get(k) ?? ''));
    // Events first: relations, normalizations and notes may refer to them.
    const newEvents = doc.events.filter((e) => {
      if (!known([e.trigger, ...e.args.map((x) => x.ref)])) return true;
      const same = this.dedupe.event(refs.get(e.trigger)!, e.type);
      if (!same) return true;
      refs.set(e.key, same);
      this.dedupe.known.add(same);
      return false;
    });
    const events = newEvents.map((e) => {
      const id = this.standoff.addEvent({ documentId, type: e.type, triggerId: ref(e.trigger, e.origin, `the trigger of event ${e.key}`), args: [], attributes: e.attributes, note: e.note });
      if (refs.has(e.key)) throw errorAt(e.origin, file, `the id ${e.key} is used twice`);
      refs.set(e.key, id);
      this.keepIds(documentId, id, e.ids);
      this.result.counts.events++;
      return id;
    });
    newEvents.forEach((e, i) => this.standoff.setEventArgs(events[i]!, e.args.map((x) => ({ role: x.role, ref: ref(x.ref, e.origin, `event ${e.key}`) }))));

    for (const r of doc.relations) {
      const typeId = this.relationType(r.type, r.origin, file);
      const from = ref(r.from, r.origin, `relation ${r.key}`);
      const toDoc = r.toDocument !== undefined ? this.bundle.documents.find((d) => d.key === r.toDocument && !d.stub) : doc;
      if (!toDoc) throw errorAt(r.origin, file, `unknown reference: relation ${r.key} points into document ${r.toDocument}, which is not in this import`);
      const to = ref(r.to, r.origin, `relation ${r.key}`, this.refsOf(toDoc));
      let relationId: string;
      try {
        // A format whose ids Gloss keeps is kept as it is, a repeated relation included.
        const fields = { typeId, fromAnnotationId: from, toAnnotationId: to, note: r.note };
        const kept = this.scheme !== undefined;
        try {
          relationId = this.project.relations.create(fields, { allowDuplicate: kept }).id;
        } catch (err) {
          // Ends its own configuration does not allow: brat loads such a file and says so; so does Gloss.
          if (!(kept && err instanceof GlossError && err.kind === 'validation' && /cannot (start|end) at/.test(err.message))) throw err;
          relationId = this.project.relations.create(fields, { allowDuplicate: true, allowAnyEnds: true }).id;
          this.result.warnings.push(`${file}${r.origin?.line ? `: line ${r.origin.line}` : ''}: relation ${r.key} was kept although ${err.message}`);
        }
      } catch (err) {
        if (err instanceof GlossError && err.kind === 'conflict' && this.dedupe.known.has(from) && this.dedupe.known.has(to)) continue;
        if (err instanceof GlossError && err.kind === 'conflict') {
          this.result.warnings.push(`${file}${r.origin?.line ? `: line ${r.origin.line}` : ''}: relation ${r.key} repeats another and was left out (${err.message})`);
          continue;
        }
        throw this.wrap(err, r.origin, file);
      }
      refs.set(r.key, relationId);
      this.keepIds(documentId, relationId, r.ids, '', r.extra);
      if (r.attributes && Object.keys(r.attributes).length) this.project.relations.setAttributes(relationId, r.attributes);
      this.result.counts.relations++;
      if ((r.fromRole && r.fromRole !== 'Arg1') || (r.toRole && r.toRole !== 'Arg2')) this.standoff.setRelationRoles(relationId, r.fromRole ?? 'Arg1', r.toRole ?? 'Arg2');
    }
    for (const q of doc.equivalences) {
      if (known(q.members)) continue;
      this.standoff.addEquivalence({ documentId, type: q.type, members: q.members.map((m) => ref(m, q.origin, 'an equivalence')) });
    }
    for (const n of doc.normalizations) {
      if (known([n.target])) continue;
      const id = this.standoff.addNormalization({ documentId, targetId: ref(n.target, n.origin, 'a normalization'), type: n.type, resource: n.resource, externalId: n.externalId, text: n.text });
      if (n.id !== undefined) this.keepIds(documentId, id, { '': n.id });
    }
    for (const n of doc.notes) {
      if (known([n.target])) continue;
      const id = this.standoff.addNote({ documentId, targetId: ref(n.target, n.origin, 'a note'), type: n.type, text: n.text });
      if (n.id !== undefined) this.keepIds(documentId, id, { '': n.id });
    }
    for (const s of doc.stances) {
      this.guard(undefined, file, () => this.project.claims.assertStance(s.stance));
      const propositionId = this.proposition(s.proposition, undefined, file);
      const annotator = s.annotator || this.annotator;
      const existing = this.project.claims.documentStance(documentId, propositionId);
      if (existing) {
        if (existing.stance !== s.stance) {
          this.result.conflicts.push(`${file}: ${annotator}'s stance "${s.stance}" toward proposition ${propositionId} differs from the stance "${existing.stance}" the document already takes; the existing one was kept`);
        }
        continue;
      }
      this.project.claims.setDocumentStance({ documentId, propositionId, stance: s.stance, justification: s.justification, annotator });
    }
  }

  /** The id of the label with this exact name, created or given the bundle's attribute definitions as needed. */
  private label(name: string, origin: Origin | undefined, file: string | undefined): string {
    const key = name;
    const known = this.labelIds.get(key);
    if (known) return known;
    const hint = this.labelHints.get(key);
    const id = this.guard(origin, file ?? 'import', () => {
      const existing = this.project.labels.findByName(name);
      if (existing) {
        const missing = (hint?.attributes ?? []).filter((a) => !existing.attributes.some((x) => x.name === a.name));
        if (missing.length) this.project.labels.update(existing.id, { attributes: [...existing.attributes, ...missing] });
        return existing.id;
      }
      const kind: LabelKind = hint?.kind ?? (key.toLowerCase() === 'claim' ? 'claim' : 'entity');
      const attributes: AttributeDefinition[] = hint?.attributes ?? [];
      return this.project.labels.create({ name: name.trim(), kind, color: hint?.color && COLOR.test(hint.color) ? hint.color.toLowerCase() : this.nextColor(), hotkey: null, attributes }, undefined, { caseVariant: true }).id;
    });
    this.labelIds.set(key, id);
    return id;
  }

  private relationType(name: string, origin: Origin | undefined, file: string | undefined): string {
    const key = name;
    const known = this.typeIds.get(key);
    if (known) return known;
    const hint = this.typeHints.get(key);
    const id = this.guard(origin, file ?? 'import', () => {
      const existing = this.project.relations.findTypeByName(name);
      if (existing) return existing.id;
      const ids = (names: readonly string[] | undefined) => (names ?? []).map((n) => this.label(n, origin, file));
      return this.project.relations.createType({
        name: name.trim(),
        color: hint?.color && COLOR.test(hint.color) ? hint.color.toLowerCase() : this.nextColor(),
        symmetric: hint?.symmetric ?? false,
        fromKinds: hint?.fromKinds ?? [],
        toKinds: hint?.toKinds ?? [],
        fromLabelIds: ids(hint?.fromLabels),
        toLabelIds: ids(hint?.toLabels),
      }, undefined, { caseVariant: true }).id;
    });
    this.typeIds.set(key, id);
    return id;
  }

  private entity(key: string, origin: Origin | undefined, file: string): string {
    const known = this.entityIds.get(key);
    if (known) return known;
    const e = this.bundle.entities.find((x) => x.key === key);
    const id = this.guard(origin, file, () => {
      if (this.project.entities.exists(key)) return key;
      if (!e) throw new GlossError('import', `unknown reference: entity ${key}`);
      const known = e.sourceId !== undefined ? this.knownKeys.get(`entity|${e.sourceId}`) : undefined;
      if (known && this.project.entities.exists(known)) return known;
      if (e.externalId) {
        const withId = this.project.entities.findByExternalId(e.externalId);
        if (withId) return withId;
      }
      // Then the same name and type (a merge of two annotators' projects, or a re-import).
      const named = this.project.entities.findByNameAndType(e.name, e.type);
      if (named) return named;
      this.result.counts.entities++;
      const created = this.project.entities.create({ name: e.name || e.externalId || key, type: e.type, aliases: e.aliases, externalId: e.externalId, description: e.description }).id;
      if (e.sourceId !== undefined) {
        this.keepIds(null, created, { entity: e.sourceId });
        this.knownKeys.set(`entity|${e.sourceId}`, created);
      }
      return created;
    });
    this.entityIds.set(key, id);
    return id;
  }

  private proposition(key: string, origin: Origin | undefined, file: string): string {
    const known = this.propositionIds.get(key);
    if (known) return known;
    const p = this.bundle.propositions.find((x) => x.key === key);
    const id = this.guard(origin, file, () => {
      if (this.project.propositions.exists(key)) return key;
      if (!p) throw new GlossError('import', `unknown reference: proposition ${key}`);
      const known = p.sourceId !== undefined ? this.knownKeys.get(`proposition|${p.sourceId}`) : undefined;
      if (known && this.project.propositions.exists(known)) return known;
      const same = this.project.propositions.findByText(p.text);
      const found = same?.id ?? (this.result.counts.propositions++, this.project.propositions.create({ text: p.text, note: p.note }).id);
      if (p.sourceId !== undefined && !this.knownKeys.has(`proposition|${p.sourceId}`)) {
        this.keepIds(null, found, { proposition: p.sourceId });
        this.knownKeys.set(`proposition|${p.sourceId}`, found);
      }
      return found;
    });
    this.propositionIds.set(key, id);
    return id;
  }

  private nextColor(): string {
    // Counted when first needed: most imports of plain documents create no label.
    this.paletteIndex ??= this.project.labels.list().length;
    return PALETTE[this.paletteIndex++ % PALETTE.length]!;
  }

  /** Runs a store call; its validation errors become import errors naming the record's file and line. */
  private guard<T>(origin: Origin | undefined, file: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw this.wrap(err, origin, file);
    }
  }

  private wrap(err: unknown, origin: Origin | undefined, file: string): unknown {
    if (err instanceof GlossError && err.kind !== 'internal') {
      if (err.kind === 'import' && /^[^:]+: (line \d+: )?/.test(err.message) && err.message.startsWith(origin?.file ?? file)) return err;
      return errorAt(origin, file, err.message);
    }
    return err;
  }
}

/**
 * What an import or merge finds already in the project: documents by their
 * text, annotations by document, annotator, label and ranges (only those
 * stored before this import began: two identical spans in one file are two
 * annotations, as the file says).
 */
class Dedupe {
  /** Stored ids of annotations (and events) that were in the project already and that this import refers to. */
  readonly known = new Set<string>();
  private readonly lastRowid: number;

  constructor(private readonly project: Project) {
    this.lastRowid = project.importMatches.lastAnnotationRowid();
  }

  documentWithText(contentHash: string, text: string): string | undefined {
    return this.project.importMatches.documentsWithHash(contentHash).find((id) => this.project.documents.text(id) === text);
  }

  annotation(documentId: string, annotator: string, labelId: string, ranges: readonly TextRange[]): string | undefined {
    const sorted = normalizeRanges(ranges);
    if (!sorted.length) return undefined;
    return this.project.importMatches.annotationAt(documentId, sorted[0]!.start, sorted[sorted.length - 1]!.end, annotator, labelId, JSON.stringify(sorted), this.lastRowid);
  }

  entityOf(annotationId: string): string | undefined {
    return this.project.importMatches.entityOf(annotationId);
  }

  propositionsOf(annotationId: string): Set<string> {
    return new Set(this.project.importMatches.propositionsOf(annotationId));
  }

  event(triggerId: string, type: string): string | undefined {
    return this.project.importMatches.eventOn(triggerId, type);
  }
}
