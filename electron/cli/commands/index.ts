import type { CommandSpec } from '../command.ts';

/**
 * Every CLI command by name, in the order `gloss help` lists them. A command's
 * code is imported only when it runs: a start-up that loads the importers,
 * jsdom and pdf.js for `gloss list` would cost more than the listing.
 */
export const COMMANDS: Record<string, CommandSpec> = {
  import: {
    usage: 'import PATH... [--format auto|txt|md|html|pdf|docx|brat|jsonl|w3c|qdpx] [--skip-bad] [--progress] [--json]',
    summary: 'import files and folders (a folder of .txt/.ann pairs is brat), all or nothing; --skip-bad imports the good files and lists the rest',
    valued: ['format'],
    flags: ['skip-bad', 'progress', 'json'],
    load: () => import('./import.ts').then((m) => m.importCommand),
  },
  list: {
    usage: 'list [--json]',
    summary: "list the project's documents",
    flags: ['json'],
    load: () => import('./list.ts').then((m) => m.listCommand),
  },
  search: {
    usage: 'search QUERY [--annotations] [--label L] [--limit N] [--json]',
    summary: 'search documents ("phrases", OR, NOT/-, prefix*, title:/text:); --annotations: quote, note, entity, proposition, label',
    valued: ['label', 'limit'],
    flags: ['annotations', 'json'],
    load: () => import('./search.ts').then((m) => m.searchCommand),
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
