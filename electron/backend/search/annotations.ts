import { firstMatch, GlossError, matchesQuery, positiveTerms, tokenizeFields, type AnnotationSearchHit, type AnnotationSearchResult, type QueryNode, type SearchField } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { parseJson } from '../store/json.ts';
import type { ClaimRow } from '../store/search.ts';
import { parseQuery } from './fts.ts';

/** Fields an unqualified annotation search term looks in (label only when named: "label:Person"). */
const DEFAULT_FIELDS: readonly SearchField[] = ['quote', 'note', 'entity', 'proposition'];
const ANNOTATION_FIELDS = new Set<SearchField>(['quote', 'note', 'entity', 'proposition', 'label']);

export interface AnnotationSearchOptions {
  query: string;
  /** A label's id or name (case-insensitive). */
  label?: string | undefined;
  documentIds?: readonly string[] | undefined;
  limit?: number | undefined;
}

/**
 * Searches annotations: their quote, note, linked entity (name and aliases)
 * and the propositions their claims link to (with the claims' notes), in the
 * same query language as document search ("note:mining", "label:Person",
 * "entity:Pakistan NOT quote:minister"). An empty query with a label lists
 * that label's annotations ("every Person span"). Results are in library
 * order, then reading order.
 */
export function searchAnnotations(project: Project, options: AnnotationSearchOptions): AnnotationSearchResult {
  const tree = parseQuery(options.query);
  const label = options.label ? findLabel(project, options.label) : undefined;
  if (!tree && !label) throw new GlossError('validation', 'search: give words to search for, a label, or both');
  if (tree) checkFields(tree);

  const rows = project.search.annotationRows({ ...(label ? { labelId: label.id } : {}), ...(options.documentIds?.length ? { documentIds: options.documentIds } : {}) });
  const claims = new Map<string, ClaimRow[]>();
  for (const c of project.search.claimRows()) {
    const list = claims.get(c.annotation_id);
    if (list) list.push(c);
    else claims.set(c.annotation_id, [c]);
  }

  const limit = options.limit ?? 200;
  const hits: AnnotationSearchHit[] = [];
  let total = 0;
  const terms = tree ? positiveTerms(tree) : [];
  for (const r of rows) {
    const links = claims.get(r.id) ?? [];
    if (tree) {
      const fields = tokenizeFields({
        quote: [r.quote],
        note: [r.note, ...links.map((c) => c.note)],
        entity: r.entity_name ? [r.entity_name, ...parseJson<string[]>(r.entity_aliases ?? '[]')] : [],
        proposition: links.map((c) => c.text),
        label: [r.label_name],
      });
      if (!matchesQuery(tree, fields, DEFAULT_FIELDS)) continue;
    }
    total++;
    if (hits.length >= limit) continue;
    const metadata = parseJson<{ outlet?: string; published?: string }>(r.metadata);
    const quoteTerms = terms.filter((t) => !t.field || t.field === 'quote');
    hits.push({
      annotation: { id: r.id, documentId: r.document_id, labelId: r.label_id, ranges: parseJson(r.ranges), quote: r.quote, note: r.note },
      label: { id: r.label_id, name: r.label_name, kind: r.label_kind as AnnotationSearchHit['label']['kind'], color: r.label_color },
      document: { id: r.document_id, title: r.title, name: r.name, ...(metadata.outlet ? { outlet: metadata.outlet } : {}), ...(metadata.published ? { published: metadata.published } : {}) },
      entity: r.entity_id ? { id: r.entity_id, name: r.entity_name ?? '' } : null,
      propositions: links.map((c) => ({ id: c.proposition_id, text: c.text, stance: c.stance, note: c.note })),
      quoteMatch: firstMatch(r.quote, quoteTerms),
    });
  }
  return { total, hits };
}

function findLabel(project: Project, key: string) {
  const labels = project.labels.list();
  const hit = labels.find((l) => l.id === key) ?? labels.find((l) => l.name.toLowerCase() === key.trim().toLowerCase());
  if (!hit) throw new GlossError('not_found', `search: no label "${key}" (labels: ${labels.map((l) => l.name).join(', ')})`);
  return hit;
}

function checkFields(tree: QueryNode): void {
  const visit = (n: QueryNode): void => {
    if (n.type === 'terms') {
      if (n.field && !ANNOTATION_FIELDS.has(n.field)) throw new GlossError('validation', `search: annotations have no "${n.field}:" field (quote:, note:, entity:, proposition: and label: work here)`);
    } else if (n.type === 'not') visit(n.item);
    else n.items.forEach(visit);
  };
  visit(tree);
}
