// Re-anchoring annotations when a document's text changes: pure functions
// over two texts, no store, so they are tested and measured on their own.
export { reanchor, CHANGED_EDGES, CHANGED_INSIDE, type AnchorInput, type AnchorResult, type AnchorStatus } from './reanchor.ts';
export { equalRuns, type EqualRun } from './diff.ts';
export { OffsetMap, type Mapped } from './map.ts';
export { findQuote, contextScore, spanBetweenContext, type QuoteContext } from './search.ts';
export { similarity } from './similarity.ts';
