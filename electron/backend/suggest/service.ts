import { createHash } from 'node:crypto';
import { boilerplateRanges, inRanges } from '../text/boilerplate.ts';
import { confidenceOf } from './confidence.ts';
import {
  GlossError,
  type Annotation,
  type AttributeValue,
  type Label,
  type Suggestion,
  type SuggestionKind,
  type SuggestionRange,
  type TextRange,
} from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { checkRanges } from '../store/annotations.ts';
import { rejectionKey } from '../store/suggestion-rejections.ts';
import type { Candidate } from './candidate.ts';
import { analyze } from './engine.ts';
import { importedCandidates } from './imported.ts';
import { mapLabels } from './labels.ts';
import { RangeIndex } from './spans.ts';

/** The stable id of a suggestion: the same document, label and range always give the same id. */
export function suggestionId(documentId: string, labelId: string, start: number, end: number): string {
  return createHash('sha256').update(`${documentId}\0${labelId}\0${start}\0${end}`).digest('hex').slice(0, 24);
}

/** Attribute values an accepted candidate gets: `reported` on a claim, when the label defines that boolean. */
function attributesFor(c: Candidate, label: Label): Record<string, AttributeValue> {
  const reported = label.attributes.find((a) => a.name === 'reported' && a.type === 'boolean');
  return c.reported && reported ? { reported: true } : {};
}

/**
 * Every suggestion the engine makes for a document with the project's
 * labels, before filtering out rejected and already-annotated ones.
 */
function allSuggestions(project: Project, documentId: string, kinds: readonly SuggestionKind[]): Suggestion[] {
  const text = project.documents.text(documentId);
  const analysis = analyze(text);
  const labels = mapLabels(project.labels.list());
  const out: Suggestion[] = [];
  const add = (c: Candidate, kind: SuggestionKind, label: Label | undefined): void => {
    if (!label) return;
    const quote = text.slice(c.start, c.end);
    out.push({
      id: suggestionId(documentId, label.id, c.start, c.end),
      documentId,
      kind,
      labelId: label.id,
      labelName: label.name,
      start: c.start,
      end: c.end,
      quote,
      source: c.source,
      reason: c.reason,
      attributes: attributesFor(c, label),
      confidence: 0,
    });
  };
  if (kinds.includes('entity')) for (const c of analysis.entities) if (c.type !== 'claim') add(c, 'entity', labels.entity[c.type]);
  if (kinds.includes('claim')) for (const c of analysis.claims) add(c, 'claim', labels.claim);
  // Predictions that came with the document (Label Studio), for labels of the same name.
  const byName = new Map(project.labels.list().map((l) => [l.name, l]));
  for (const c of importedCandidates(project, documentId, text)) {
    const label = byName.get(c.labelName);
    const kind: SuggestionKind = label?.kind === 'claim' ? 'claim' : 'entity';
    if (label && kinds.includes(kind)) add({ start: c.start, end: c.end, type: kind === 'claim' ? 'claim' : 'person', source: 'imported', reason: c.reason }, kind, label);
  }
  // How often the same words are proposed, in the prose (a keyword line repeating a name proves nothing).
  const boilerplate = boilerplateRanges(text);
  const repeats = new Map<string, number>();
  for (const s of out) if (!inRanges(boilerplate, s.start, s.end)) repeats.set(`${s.labelId}|${s.quote}`, (repeats.get(`${s.labelId}|${s.quote}`) ?? 0) + 1);
  for (const s of out) s.confidence = confidenceOf(s.source, s.reason, repeats.get(`${s.labelId}|${s.quote}`) ?? 1);
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * The suggestions to show for a document: without those the user rejected
 * and without those that overlap an annotation with the same label (with
 * `layer`, an annotation of that annotator's layer).
 */
export function listSuggestions(project: Project, documentId: string, kinds: readonly SuggestionKind[] = ['entity', 'claim'], layer?: string): Suggestion[] {
  const all = allSuggestions(project, documentId, kinds);
  const rejected = project.suggestionRejections.keysOf(documentId);
  const rangesByLabel = new Map<string, TextRange[]>();
  for (const a of project.annotations.listByDocument(documentId)) {
    // A blind annotator's suggestions give way to their own annotations only: others' must not show through.
    if (layer !== undefined && a.annotator !== layer) continue;
    const list = rangesByLabel.get(a.labelId) ?? [];
    list.push(...a.ranges);
    rangesByLabel.set(a.labelId, list);
  }
  const annotated = new Map([...rangesByLabel].map(([labelId, ranges]) => [labelId, new RangeIndex(ranges)]));
  // Reference lists, bibliographies and keyword lines are not the article's prose: nothing is suggested there.
  const boilerplate = boilerplateRanges(project.documents.text(documentId));
  return all.filter(
    (s) => !rejected.has(rejectionKey(s.labelId, s.start, s.end)) && !annotated.get(s.labelId)?.overlaps(s) && !inRanges(boilerplate, s.start, s.end),
  );
}

/** How `suggestions.accept` names what to accept. */
export type AcceptTarget = { documentId: string; suggestionId: string } | SuggestionRange;

/**
 * Stores a suggestion as a normal annotation, through the annotation store,
 * and forgets any rejection of the same range. By id, the suggestion must
 * still be on offer; by range, any range of the text may be accepted.
 */
export function acceptSuggestion(project: Project, target: AcceptTarget, actor: string = project.annotator, layer?: string): Annotation {
  const { documentId } = target;
  const text = project.documents.text(documentId);
  let range: SuggestionRange;
  let attributes: Record<string, AttributeValue> = {};
  if ('suggestionId' in target) {
    const s = listSuggestions(project, documentId, undefined, layer).find((x) => x.id === target.suggestionId);
    if (!s) throw new GlossError('not_found', `no suggestion ${target.suggestionId} on offer for document ${documentId} (already accepted or rejected?)`);
    range = { documentId, labelId: s.labelId, start: s.start, end: s.end };
    attributes = s.attributes;
  } else {
    range = target;
    project.labels.get(range.labelId);
    checkRanges([range], text);
    const offered = allSuggestions(project, documentId, ['entity', 'claim']).find(
      (x) => x.labelId === range.labelId && x.start === range.start && x.end === range.end,
    );
    if (offered) attributes = offered.attributes;
  }
  return project.transaction(() => {
    project.suggestionRejections.remove(range);
    const annotation = project.annotations.create(
      { documentId, labelId: range.labelId, ranges: [{ start: range.start, end: range.end }], attributes, annotator: actor },
      text,
    );
    // A mention whose words are exactly an entity's name or alias is that entity (when only one has them).
    if (project.labels.get(range.labelId).kind === 'entity') {
      const entityId = entityNamed(project, annotation.quote);
      if (entityId) project.entities.link([{ annotationId: annotation.id, entityId }]);
    }
    return annotation;
  });
}

/** The one entity whose name or an alias is `quote` (case and spacing ignored); null when none or several are. */
function entityNamed(project: Project, quote: string): string | null {
  const norm = (x: string) => x.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase();
  const q = norm(quote);
  const ids = project.entities
    .list()
    .filter((s) => [s.entity.name, ...s.entity.aliases].some((n) => norm(n) === q))
    .map((s) => s.entity.id);
  return ids.length === 1 ? ids[0]! : null;
}

/** Remembers that the user does not want this suggestion; it does not come back, also after reopening the project. */
export function rejectSuggestion(project: Project, r: SuggestionRange): { ok: true; suggestionId: string } {
  const text = project.documents.text(r.documentId);
  project.labels.get(r.labelId);
  checkRanges([r], text);
  project.suggestionRejections.add(r, text.slice(r.start, r.end));
  return { ok: true, suggestionId: suggestionId(r.documentId, r.labelId, r.start, r.end) };
}

/** Forgets a rejection (undo of reject). Forgetting one that is not there is harmless. */
export function unrejectSuggestion(project: Project, r: SuggestionRange): { ok: true; suggestionId: string } {
  project.documents.text(r.documentId);
  project.suggestionRejections.remove(r);
  return { ok: true, suggestionId: suggestionId(r.documentId, r.labelId, r.start, r.end) };
}
