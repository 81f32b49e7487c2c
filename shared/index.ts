// The public API of the shared layer: domain types and the API contract.
// Pure TypeScript: no Node, DOM or Electron imports.
export * from './model/document.ts';
export * from './model/label.ts';
export * from './model/annotation.ts';
export * from './model/defaults.ts';
export * from './text/codepoints.ts';
export * from './text/quote.ts';
export * from './api/errors.ts';
export * from './api/documents.ts';
export * from './api/labels.ts';
export * from './api/annotations.ts';
export * from './api/project.ts';
export * from './api/contract.ts';
export * from './api/bridge.ts';
