import type { CommandSpec } from '../command.ts';

/**
 * Every CLI command by name, in the order `gloss help` lists them. A command's
 * code is imported only when it runs: a start-up that loads the importers,
 * jsdom and pdf.js for `gloss list` would cost more than the listing.
 */
export const COMMANDS: Record<string, CommandSpec> = {
  import: {
    usage: 'import PATH... [--format auto|txt|md|html|pdf|docx|brat|jsonl|w3c|qdpx] [--progress] [--json]',
    summary: 'import files and folders (a folder of .txt/.ann pairs is brat), all or nothing',
    valued: ['format'],
    flags: ['progress', 'json'],
    load: () => import('./import.ts').then((m) => m.importCommand),
  },
  update: {
    usage: 'update DOC FILE [--format auto|txt|md|html|pdf|docx] [--summary TEXT] [--json]',
    summary: "make FILE's text the next version of DOC (id, name or title) and re-anchor its annotations",
    valued: ['format', 'summary'],
    flags: ['json'],
    load: () => import('./update.ts').then((m) => m.updateCommand),
  },
  list: {
    usage: 'list [--json]',
    summary: "list the project's documents",
    flags: ['json'],
    load: () => import('./list.ts').then((m) => m.listCommand),
  },
  entities: {
    usage: 'entities [--json]',
    summary: 'list the entity registry with mention counts per document',
    flags: ['json'],
    load: () => import('./entities.ts').then((m) => m.entitiesCommand),
  },
  propositions: {
    usage: 'propositions [--json]',
    summary: 'list propositions with each claim: document, stance and quote',
    flags: ['json'],
    load: () => import('./propositions.ts').then((m) => m.propositionsCommand),
  },
  compare: {
    usage: 'compare [DOC...] [--json | --format csv|html --out FILE]',
    summary: 'compare documents (id, name or title; none: all): stances, entities, reused passages',
    valued: ['format', 'out'],
    flags: ['json'],
    load: () => import('./compare.ts').then((m) => m.compareCommand),
  },
  export: {
    usage: 'export --format brat|w3c|jsonl|conll|csv|qdpx|html --out PATH [--docs DOC,...] [--progress] [--json]',
    summary: 'export documents and their annotations (brat writes a folder)',
    valued: ['format', 'out', 'docs'],
    flags: ['progress', 'json'],
    load: () => import('./export.ts').then((m) => m.exportCommand),
  },
  serve: {
    usage: 'serve [--port N] [--host H] [--json]',
    summary: 'serve the app and its API (default http://127.0.0.1, a free port)',
    valued: ['port', 'host'],
    flags: ['json'],
    load: () => import('./serve.ts').then((m) => m.serveCommand),
  },
};
