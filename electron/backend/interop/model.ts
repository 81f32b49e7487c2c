import type { AttributeDefinition, AttributeValue, Block, LabelKind, SourceMetadata, TextRange } from '../../../shared/index.ts';

// The interchange model every importer produces and every exporter reads: a
// corpus in memory, independent of the store. Records are tied together by
// `key`s that are unique within their document (annotations, relations,
// events) or within the bundle (documents, entities, propositions). Offsets
// are UTF-16 code units, as everywhere inside Gloss; formats that count code
// points convert at their own boundary.

/** A label (span type) as a format names it. */
export interface BundleLabel {
  name: string;
  kind: LabelKind;
  color?: string;
  hotkey?: string | null;
  attributes: AttributeDefinition[];
  /** The parent label's name, in a code tree (REFI-QDA). */
  parent?: string | null;
  description?: string;
  /** The format's own id of the label (a REFI-QDA guid). */
  sourceId?: string;
}

/** A relation type as a format names it. */
export interface BundleRelationType {
  name: string;
  color?: string;
  symmetric?: boolean;
  /** Constraints on the ends, as in the tagset: label kinds and label names; empty allows any. */
  fromKinds?: LabelKind[];
  toKinds?: LabelKind[];
  fromLabels?: string[];
  toLabels?: string[];
}

/** A canonical entity that mentions link to. */
export interface BundleEntity {
  key: string;
  name: string;
  type: string;
  /** An id in an external knowledge base, e.g. `Q843` (Wikidata) or `Wikipedia:64488`. */
  externalId: string | null;
  aliases: string[];
  description: string;
  /** The key the format gave it (brat `entities:pakistan`), kept for the next export. */
  sourceId?: string;
}

/** A canonical statement that claims link to. */
export interface BundleProposition {
  key: string;
  text: string;
  note: string;
  /** The key the format gave it (brat `propositions:P1`), kept for the next export. */
  sourceId?: string;
}

/**
 * Ids a format gave a record and the parts it wrote for it, by part: `''` the
 * record itself (brat `T3`), `attr:NAME` an attribute line, `note` its note,
 * `entity` its entity link; on claim links `link`, `stance`, `saidBy`…
 * Kept in the store (`source_ids`) under the bundle's `idScheme`.
 */
export type SourceIds = Record<string, string>;

/** A claim annotation's link to a proposition. */
export interface BundleClaim {
  proposition: string;
  stance: string;
  hedged: boolean;
  reported: boolean;
  note: string;
  attribution: { entity: string | null; text: string };
  ids?: SourceIds;
}

export interface BundleAnnotation {
  key: string;
  label: string;
  /** UTF-16 ranges into the document's text, sorted. */
  ranges: TextRange[];
  attributes: Record<string, AttributeValue>;
  note: string;
  annotator?: string;
  createdAt?: string;
  modifiedAt?: string;
  /** Key of the linked entity. */
  entity?: string;
  claims: BundleClaim[];
  ids?: SourceIds;
  /** What the format carried that Gloss has no field for, written back on export (Label Studio). */
  extra?: unknown;
  /** Where it was read from, for messages: `file` and 1-based `line`. */
  origin?: Origin;
}

/** A binary relation from an annotation of this document to one of this or another document. */
export interface BundleRelation {
  key: string;
  type: string;
  from: string;
  to: string;
  /** Key of the document of `to` when it is not this one. */
  toDocument?: string;
  note: string;
  /** Argument roles when a format names them (brat: `Arg1`, `Arg2`). */
  fromRole?: string;
  toRole?: string;
  attributes?: Record<string, AttributeValue>;
  ids?: SourceIds;
  extra?: unknown;
  origin?: Origin;
}

/** An n-ary event: a trigger annotation and role-labelled arguments (annotations or events). */
export interface BundleEvent {
  key: string;
  type: string;
  trigger: string;
  args: { role: string; ref: string }[];
  attributes: Record<string, AttributeValue>;
  note: string;
  ids?: SourceIds;
  origin?: Origin;
}

/** A set of annotations that denote the same thing (brat `*`). */
export interface BundleEquivalence {
  type: string;
  members: string[];
  origin?: Origin;
}

/** A reference from an annotation or event to an external resource that is not an entity or proposition link. */
export interface BundleNormalization {
  target: string;
  type: string;
  resource: string;
  externalId: string;
  text: string;
  /** The format's id of this line (brat `N4`). */
  id?: string;
  origin?: Origin;
}

/** A note that is not its target's own note: typed notes (brat `Lemma`), second notes, notes on other records. */
export interface BundleNote {
  target: string;
  type: string;
  text: string;
  /** The format's id of this line (brat `#2`). */
  id?: string;
  origin?: Origin;
}

/** A document's overall stance toward a proposition. */
export interface BundleDocumentStance {
  proposition: string;
  stance: string;
  justification: string;
  /** Who took it, where the format says. */
  annotator?: string;
}

export interface BundleDocument {
  key: string;
  name: string;
  title: string;
  text: string;
  blocks: Block[];
  metadata: SourceMetadata;
  annotations: BundleAnnotation[];
  relations: BundleRelation[];
  events: BundleEvent[];
  equivalences: BundleEquivalence[];
  normalizations: BundleNormalization[];
  notes: BundleNote[];
  stances: BundleDocumentStance[];
  /** The file it was read from, for messages. */
  file?: string;
  /**
   * Set when this record only carries annotations for a document defined
   * elsewhere: in the project (`existing`: its id) or in the same import
   * batch (matched by `key`). Its text is that document's.
   */
  stub?: boolean;
  existing?: string;
  /** The format's id of the document (a Label Studio task id) and what else it carried. */
  sourceId?: string;
  extra?: unknown;
}

export interface Bundle {
  labels: BundleLabel[];
  relationTypes: BundleRelationType[];
  entities: BundleEntity[];
  propositions: BundleProposition[];
  documents: BundleDocument[];
  /** Stance values, when the format carries a stance set. */
  stanceValues?: string[];
  /** The scheme of the `ids`, `sourceId`s and `extra`s above ('brat', 'labelstudio', 'qdpx'), stored to be written back. */
  idScheme?: string;
  /** Project-level records a format carries and Gloss keeps for it (REFI-QDA sets). */
  extra?: unknown;
}

export interface Origin {
  file: string;
  line?: number;
}

/** An empty document record, to fill in. */
export function emptyDocument(fields: Pick<BundleDocument, 'key' | 'name' | 'title' | 'text'> & Partial<BundleDocument>): BundleDocument {
  return {
    blocks: [],
    metadata: {},
    annotations: [],
    relations: [],
    events: [],
    equivalences: [],
    normalizations: [],
    notes: [],
    stances: [],
    ...fields,
  };
}

/** An empty bundle, to fill in. */
export function emptyBundle(): Bundle {
  return { labels: [], relationTypes: [], entities: [], propositions: [], documents: [] };
}

/** A claim link with defaults for what a format does not carry. */
export function claimOf(proposition: string, stance: string, more: Partial<BundleClaim> = {}): BundleClaim {
  return { proposition, stance, hedged: false, reported: false, note: '', attribution: { entity: null, text: '' }, ...more };
}
