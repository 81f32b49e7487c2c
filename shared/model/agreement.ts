import { z } from 'zod';

// Inter-annotator agreement figures, as `gloss agreement --json` prints them
// and the Agreement page shows them. Offsets behind every figure are Unicode
// code points. A figure is null when there is nothing to measure (no item, no
// span); it is exactly 1 when nobody disagrees.

const Figure = z.number().nullable();

/** Precision, recall and F1 of annotator B against the reference A. */
export const PrfSchema = z.object({ precision: Figure, recall: Figure, f1: Figure });
export type Prf = z.infer<typeof PrfSchema>;

/** Span matching for one label or all: counts of A's and B's spans, exact and overlap matching. */
export const SpanFiguresSchema = z.object({ a: z.number(), b: z.number(), exact: PrfSchema, overlap: PrfSchema });
export type SpanFigures = z.infer<typeof SpanFiguresSchema>;

/** Token-level agreement in one layer. `cohenKappa` is null over more than two annotators. */
export const TokenFiguresSchema = z.object({ items: z.number(), cohenKappa: Figure, fleissKappa: Figure, krippendorffAlpha: Figure });
export type TokenFigures = z.infer<typeof TokenFiguresSchema>;

export const StanceFiguresSchema = z.object({
  items: z.number(),
  krippendorffAlpha: Figure,
  agreement: Figure,
  /** Over the items every annotator valued (the same items as `items` for two annotators). */
  fleissKappa: Figure,
});
export type StanceFigures = z.infer<typeof StanceFiguresSchema>;

const PairBody = {
  spans: z.object({ byLabel: z.record(z.string(), SpanFiguresSchema), micro: SpanFiguresSchema }),
  tokens: z.object({ claims: TokenFiguresSchema, mentions: TokenFiguresSchema }),
  unitizing: z.object({ byLabel: z.record(z.string(), Figure) }),
  stances: StanceFiguresSchema,
};

/** Figures for one pair of annotators; the first is the reference. */
export const PairAgreementSchema = z.object({ annotators: z.tuple([z.string(), z.string()]), ...PairBody });
export type PairAgreement = z.infer<typeof PairAgreementSchema>;

/**
 * The whole report. With two annotators the top level holds that pair's
 * figures; with more, `tokens`, `unitizing` and `stances` are over all of them
 * (Fleiss' kappa, Krippendorff's alpha, αu) and `spans` is left out (precision
 * and recall need a reference: see `pairs`).
 */
export const AgreementReportSchema = z.object({
  annotators: z.array(z.string()),
  documents: z.number(),
  tokens: PairBody.tokens,
  unitizing: PairBody.unitizing,
  stances: StanceFiguresSchema,
  spans: PairBody.spans.optional(),
  pairs: z.array(PairAgreementSchema),
});
export type AgreementReport = z.infer<typeof AgreementReportSchema>;
