import type { CommandSpec } from '../command.ts';

/**
 * Every CLI command by name, in the order `gloss help` lists them. A command's
 * code is imported only when it runs: a start-up that loads the importers,
 * jsdom and pdf.js for `gloss list` would cost more than the listing.
 */
export const COMMANDS: Record<string, CommandSpec> = {
  import: {
    usage: 'import PATH... [--format auto|txt|md|html|pdf|docx|brat|jsonl|w3c|qdpx|labelstudio] [--annotator NAME] [--skip-bad] [--progress] [--json]',
    summary: 'import files and folders (a folder of .txt/.ann pairs is brat), all or nothing; the same text joins its document; --skip-bad imports the good files and lists the rest',
    valued: ['format'],
    writes: true,
    flags: ['skip-bad', 'progress', 'json'],
    load: () => import('./import.ts').then((m) => m.importCommand),
  },
  update: {
    usage: 'update DOC FILE [--format auto|txt|md|html|pdf|docx] [--summary TEXT] [--annotator NAME] [--json]',
    summary: "make FILE's text the next version of DOC (id, name or title) and re-anchor its annotations",
    valued: ['format', 'summary'],
    flags: ['json'],
    writes: true,
    load: () => import('./update.ts').then((m) => m.updateCommand),
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
    usage: 'export --format brat|w3c|jsonl|conll|csv|qdpx|html|labelstudio|spacy|hf --out PATH [--docs DOC,...] [--labels LABEL,...] [--annotator NAME] [--progress] [--json]',
    summary: "export documents and their annotations (brat writes a folder; --labels limits conll, spacy and hf to those labels; --annotator: that annotator's layer only)",
    valued: ['format', 'out', 'docs', 'labels', 'annotator'],
    flags: ['progress', 'json'],
    load: () => import('./export.ts').then((m) => m.exportCommand),
  },
  merge: {
    usage: 'merge FILE.gloss... [--annotator NAME] [--json]',
    summary: 'merge other projects into --db: documents by text, annotations with their annotators; twice adds nothing',
    flags: ['json'],
    writes: true,
    load: () => import('./merge.ts').then((m) => m.mergeCommand),
  },
  history: {
    usage: 'history DOC [--limit N] [--json]',
    summary: 'how DOC (id, name or title; a deleted one by id) came to be: every change, newest first, with when, who, what and before → after',
    valued: ['limit'],
    flags: ['json'],
    load: () => import('./history.ts').then((m) => m.historyCommand),
  },
  agreement: {
    usage: 'agreement [DOC...] [--annotators A,B,...] [--labels L,...] [--json]',
    summary: 'inter-annotator agreement: spans, tokens (kappa, alpha), unitizing alpha, stances; per pair and over all',
    valued: ['annotators', 'labels'],
    flags: ['json'],
    load: () => import('./agreement.ts').then((m) => m.agreementCommand),
  },
  serve: {
    usage: 'serve [--port N] [--host H [--allow-remote]] [--team] [--public-url URL] [--json]',
    summary: 'serve the app and its API on http://127.0.0.1 (a free port); the printed URL carries the access token; --team: accounts sign in with their links instead (see gloss users); --public-url: the https address of a TLS reverse proxy in front',
    valued: ['port', 'host', 'public-url'],
    flags: ['allow-remote', 'team', 'json'],
    load: () => import('./serve.ts').then((m) => m.serveCommand),
  },
  users: {
    usage: 'users add NAME --role annotator|curator|admin [--url BASE] | users list | users link NAME [--url BASE] | users remove NAME | users role NAME ROLE  [--json]',
    summary: "a team server's accounts: add prints a one-time sign-in link (valid 7 days; BASE: the server's address, or $GLOSS_URL), link a new one, remove disables",
    valued: ['role', 'url'],
    flags: ['json'],
    load: () => import('./users.ts').then((m) => m.usersCommand),
  },
  assign: {
    usage: 'assign DOC... --to NAME [--remove] [--json]',
    summary: "assign documents (id, name or title) to a team server's account; an annotator's library shows their assigned documents (all when none)",
    valued: ['to'],
    flags: ['remove', 'json'],
    load: () => import('./assign.ts').then((m) => m.assignCommand),
  },
};
