// Where SQL may live, checked mechanically: only in the store's repositories
// (electron/backend/store/, migrations included). Everything else in the
// backend, the CLI and the server calls named repository methods, so that a
// second engine (PostgreSQL, issue 16) can stand behind the same interfaces.
// The source is parsed, so comments and regular expressions do not count.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.ts';

const CHECKED = ['electron/backend', 'electron/cli', 'electron/server'];
/** The one folder that may hold SQL and talk to better-sqlite3. */
const STORE = 'electron/backend/store/';
/** The one file outside the store that holds the connection: it builds the repositories on it. */
const PROJECT = 'electron/backend/project.ts';
const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs']);

/** Database-handle methods of better-sqlite3 that run or compile SQL. */
const DB_METHODS = new Set(['prepare', 'pragma', 'exec']);
/** An SQL statement inside a string: the keyword and the clause that makes it a statement, not an English word. */
const SQL_STATEMENT = /\b(SELECT\b[\s\S]*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+[\w"]+\s+SET|DELETE\s+FROM|REPLACE\s+INTO|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)|DROP\s+(TABLE|INDEX))\b/i;

/**
 * Names bound in the file to a regular expression (`const RE = /…/`,
 * `new RegExp(…)`, a parameter typed RegExp), and, with `rel`, the names it
 * imports from a file of the repository that binds them so.
 */
function regexNames(sf: ts.SourceFile, rel?: string): Set<string> {
  const names = new Set<string>();
  const isRegex = (e: ts.Expression | undefined): boolean =>
    !!e && (ts.isRegularExpressionLiteral(e) || (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'RegExp'));
  const visit = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name)) {
      const typed = node.type && ts.isTypeReferenceNode(node.type) && node.type.getText(sf) === 'RegExp';
      if (isRegex(node.initializer) || typed) names.add(node.name.text);
    }
    if (rel && ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text.startsWith('.')) {
      const bindings = node.importClause?.namedBindings;
      const from = path.join(REPO_ROOT, path.dirname(rel), node.moduleSpecifier.text);
      if (bindings && ts.isNamedImports(bindings) && fs.existsSync(from)) {
        const exported = regexNames(ts.createSourceFile(from, fs.readFileSync(from, 'utf8'), ts.ScriptTarget.Latest, true));
        for (const el of bindings.elements) if (exported.has((el.propertyName ?? el.name).text)) names.add(el.name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/** Whether `.exec(…)` is called on a regular expression rather than a database. */
function isRegexReceiver(e: ts.Expression, regexes: Set<string>): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isRegularExpressionLiteral(e)) return true;
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'RegExp') return true;
  return ts.isIdentifier(e) && regexes.has(e.text);
}

/** The places in one file that hold SQL or use the database directly, as `file:line: what`. */
export function sqlViolationsOf(rel: string, source: string): string[] {
  const sf = ts.createSourceFile(rel, source, ts.ScriptTarget.Latest, true, rel.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const regexes = regexNames(sf, rel);
  const out: string[] = [];
  const at = (node: ts.Node, what: string) => out.push(`${rel}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}: ${what}`);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      if (DB_METHODS.has(name) && !(name === 'exec' && isRegexReceiver(node.expression.expression, regexes))) at(node, `calls .${name}( on a database handle`);
    }
    // The project's connection itself: only Project (which hands it to the repositories) reads it.
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'db' && /project$/i.test(node.expression.getText(sf)) && rel !== PROJECT) at(node, "reads the project's database handle (.db)");
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const text = node.text;
      if (SQL_STATEMENT.test(text)) at(node, `holds an SQL statement ("${text.replace(/\s+/g, ' ').slice(0, 60)}")`);
    }
    const spec =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
        ? node.moduleSpecifier.text
        : ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) && node.arguments[0] && ts.isStringLiteral(node.arguments[0])
          ? node.arguments[0].text
          : undefined;
    if (spec === 'better-sqlite3' || spec?.startsWith('better-sqlite3/')) at(node, "imports 'better-sqlite3'");
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Repository-relative paths of every source file checked: the backend outside the store, the CLI, the server. */
function checkedFiles(): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(REPO_ROOT, rel), { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (`${child}/` !== STORE) walk(child);
      } else if (SOURCE_EXTENSIONS.has(path.extname(entry.name)) && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  for (const top of CHECKED) walk(top);
  return out.sort();
}

describe('SQL lives only in electron/backend/store/', () => {
  const files = checkedFiles();

  it('finds the files it checks, and none of the store', () => {
    expect(files.some((f) => f.startsWith('electron/backend/api/'))).toBe(true);
    expect(files.some((f) => f.startsWith('electron/cli/'))).toBe(true);
    expect(files.some((f) => f.startsWith('electron/server/'))).toBe(true);
    expect(files.filter((f) => f.startsWith(STORE))).toEqual([]);
  });

  it('no file outside the store prepares, executes or holds SQL, or imports better-sqlite3', () => {
    const violations = files.flatMap((rel) => sqlViolationsOf(rel, fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8')));
    expect(violations, `SQL outside ${STORE} (move it into a repository method there):\n${violations.join('\n')}`).toEqual([]);
  });

  it('the CLI and the server call handlers and services, never the repositories on Project', () => {
    const project = fs.readFileSync(path.join(REPO_ROOT, PROJECT), 'utf8');
    const stores = [...project.matchAll(/^\s+readonly (\w+): \w+Store;/gm)].map((m) => m[1]!);
    expect(stores).toContain('documents');
    // `project.documents…`, and the same reached without a name: `(await ctx.openProject()).documents…`.
    const use = new RegExp(`(\\bproject|openProject\\(\\)\\))\\.(${stores.join('|')})\\b`, 'i');
    const found: string[] = [];
    for (const rel of files.filter((f) => f.startsWith('electron/cli/') || f.startsWith('electron/server/'))) {
      fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (use.test(line) && !/^\s*(\/\/|\*)/.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found, `repository calls in the CLI or server (call a handler through call() in electron/cli/command.ts, or a service):\n${found.join('\n')}`).toEqual([]);
  });

  describe('the checker itself', () => {
    it('flags queries, pragmas, SQL strings and the driver, naming file and line', () => {
      const bad: [string, string][] = [
        ["db.prepare('SELECT 1').get();", 'calls .prepare('],
        ['this.conn.exec(sql);', 'calls .exec('],
        ["target.db.pragma('cache_size');", 'calls .pragma('],
        ['const q = `SELECT id\n FROM annotations WHERE x = ${y}`;', 'SQL statement'],
        ['run("INSERT OR IGNORE INTO t (a) VALUES (?)");', 'SQL statement'],
        ["const s = 'update labels set name = ?';", 'SQL statement'],
        ["const s = 'DELETE FROM trash';", 'SQL statement'],
        ["import Database from 'better-sqlite3';", 'better-sqlite3'],
        ["import type { Statement } from 'better-sqlite3';", 'better-sqlite3'],
        ["const D = require('better-sqlite3');", 'better-sqlite3'],
        ['new VersionStore(project.db);', 'database handle (.db)'],
        ['readSettings(this.project.db);', 'database handle (.db)'],
      ];
      for (const [source, what] of bad) {
        const found = sqlViolationsOf('electron/backend/x.ts', `\n${source}`);
        expect(found, source).toHaveLength(1);
        expect(found[0]).toMatch(/^electron\/backend\/x\.ts:2: /);
        expect(found[0]).toContain(what);
      }
    });

    it('accepts regular expressions, comments and English', () => {
      const good = [
        '// SELECT id FROM annotations: the repository does this',
        'const m = /^a(b)$/.exec(text);',
        'const RE = /x/g;\nfor (let m = RE.exec(s); m; m = RE.exec(s)) {}',
        'const re = new RegExp(p);\nre.exec(s);',
        'function f(re: RegExp) { return re.exec(s); }',
        "const msg = 'Update the document text';",
        'project.annotations.list(id);',
        'const file = args.db ?? process.env.GLOSS_DB;',
      ];
      for (const source of good) expect(sqlViolationsOf('electron/backend/x.ts', source), source).toEqual([]);
    });
  });
});
