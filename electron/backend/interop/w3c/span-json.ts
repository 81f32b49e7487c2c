import type { BundleAnnotation, BundleEntity, BundleLabel, BundleProposition } from '../model.ts';
import { externalIdToIri } from '../external-ids.ts';
import { contextAroundUnits } from '../text.ts';
import { q } from './json-text.ts';
import { CONTEXT, iriOf } from './vocab.ts';

// A span annotation as W3C JSON text, written by hand: these are nearly all of
// a large export, and building each as objects for JSON.stringify cost more
// than the rest of the export together. The text is byte for byte what
// JSON.stringify gave for the objects this replaced (members in the same
// order, absent ones left out); strings always go through JSON.stringify.

const CONTEXT_JSON = q(CONTEXT);
const PLAIN = '"format":"text/plain"';

/** What span annotations look up in the bundle, built once per export. */
export interface SpanLookups {
  labels: Map<string, BundleLabel>;
  entities: Map<string, BundleEntity>;
  propositions: Map<string, BundleProposition>;
}

/**
 * One span annotation: the label (tagging), attributes (describing), the note
 * (commenting), the entity link (identifying) and claims (linking and
 * assessing) as bodies; one SpecificResource target per range.
 * `cps` are the ranges in code points.
 */
export function spanAnnotationJson(text: string, source: string, a: BundleAnnotation, cps: readonly { start: number; end: number }[], lookups: SpanLookups): string {
  let body = `{"type":"TextualBody","purpose":"tagging","value":${q(a.label)},${PLAIN},"gloss:labelKind":${q(lookups.labels.get(a.label)?.kind ?? 'entity')}}`;
  for (const name in a.attributes) {
    if (!Object.hasOwn(a.attributes, name)) continue;
    const value = a.attributes[name]!;
    const shown = value === true ? name : `${name}: ${String(value)}`;
    body += `,{"type":"TextualBody","purpose":"describing","value":${q(shown)},${PLAIN},"gloss:attribute":${q(name)},"gloss:value":${q(value)}}`;
  }
  if (a.note) body += `,{"type":"TextualBody","purpose":"commenting","value":${q(a.note)},${PLAIN}}`;
  const entity = a.entity !== undefined ? lookups.entities.get(a.entity) : undefined;
  // Entity links and claims are few: they keep the object form, stringified.
  if (entity) {
    body += `,${q({
      type: 'SpecificResource',
      purpose: 'identifying',
      source: entity.externalId ? externalIdToIri(entity.externalId) : iriOf('entity', entity.key),
      'gloss:entity': { id: iriOf('entity', entity.key), name: entity.name, type: entity.type, externalId: entity.externalId, aliases: entity.aliases, description: entity.description },
    })}`;
  }
  for (const c of a.claims) {
    const p = lookups.propositions.get(c.proposition);
    const pIri = iriOf('proposition', c.proposition);
    // The proposition's IRI goes in gloss:proposition: a body with an id and no source counts as an External Web Resource, which may have no purpose.
    body += `,${q({ type: 'TextualBody', purpose: 'linking', value: p?.text ?? '', format: 'text/plain', 'gloss:proposition': pIri, 'gloss:propositionNote': p?.note ?? '' })}`;
    body += `,${q({
      type: 'TextualBody',
      purpose: 'assessing',
      value: c.stance,
      format: 'text/plain',
      'gloss:proposition': pIri,
      'gloss:hedged': c.hedged,
      'gloss:reported': c.reported,
      'gloss:claimNote': c.note,
      'gloss:attribution': { entity: c.attribution.entity !== null ? iriOf('entity', c.attribution.entity) : null, text: c.attribution.text },
    })}`;
  }
  let head = `{"@context":${CONTEXT_JSON},"id":${q(iriOf('annotation', a.key))},"type":"Annotation"`;
  if (a.createdAt) head += `,"created":${q(a.createdAt)}`;
  if (a.modifiedAt) head += `,"modified":${q(a.modifiedAt)}`;
  if (a.annotator) head += `,"creator":{"type":"Person","name":${q(a.annotator)}}`;
  const motivation = a.claims.length ? 'assessing' : entity ? 'identifying' : 'tagging';
  return `${head},"motivation":"${motivation}","body":[${body}],"target":${targetsJson(text, q(source), a, cps)}}`;
}

/** One SpecificResource per range (a discontinuous span has several), with quote and position selectors. */
function targetsJson(text: string, sourceJson: string, a: BundleAnnotation, cps: readonly { start: number; end: number }[]): string {
  const list = a.ranges.map((r, i) => {
    const { prefix, suffix } = contextAroundUnits(text, r.start, r.end);
    return (
      `{"type":"SpecificResource","source":${sourceJson},"selector":[` +
      `{"type":"TextQuoteSelector","exact":${q(text.slice(r.start, r.end))},"prefix":${q(prefix)},"suffix":${q(suffix)}},` +
      `{"type":"TextPositionSelector","start":${q(cps[i]!.start)},"end":${q(cps[i]!.end)}}]}`
    );
  });
  return list.length === 1 ? list[0]! : `[${list.join(',')}]`;
}
