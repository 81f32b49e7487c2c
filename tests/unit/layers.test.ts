// The layer import rule of DEVELOPERS.md, checked mechanically: every import,
// export-from, dynamic import, require and triple-slash reference of every
// source file is resolved and compared with what its layer may import.
// eslint.config.js has the same rule as patterns for editors; this is exact.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.ts';

type Layer = 'shared' | 'renderer' | 'backend' | 'cli' | 'server' | 'glue';
/** Where an import leads: a layer, another repository folder, Node, Electron or an npm package. */
type Target = Layer | 'tests' | 'build' | 'outside' | 'node' | 'electron' | 'npm';

interface LayerRule {
  /** Layers and kinds of module this layer may import. */
  allowed: readonly Target[];
  /** npm packages it may import: any (except electron, which is its own target) or a list. */
  npm: 'any' | readonly string[];
  /** Single files of other layers it may import, with the reason. */
  files?: readonly string[];
  summary: string;
}

const RULES: Record<Layer, LayerRule> = {
  shared: { allowed: ['shared'], npm: ['zod'], summary: 'shared imports only files inside shared and zod' },
  renderer: {
    allowed: ['renderer', 'shared'],
    npm: 'any',
    summary: 'the renderer imports renderer, shared and browser-side npm packages (no Node, no electron, no backend)',
  },
  backend: { allowed: ['backend', 'shared', 'node'], npm: 'any', summary: 'the backend imports backend, shared, Node and npm packages (no electron)' },
  // The CLI's `serve` command starts the local server: both are transports over the backend.
  cli: { allowed: ['cli', 'server', 'backend', 'shared', 'node'], npm: 'any', summary: 'the CLI imports cli, server, backend, shared, Node and npm packages (no electron)' },
  server: { allowed: ['server', 'backend', 'shared', 'node'], npm: 'any', summary: 'the server imports server, backend, shared, Node and npm packages (no electron)' },
  glue: {
    allowed: ['glue', 'backend', 'shared', 'node', 'electron'],
    npm: 'any',
    // One Content Security Policy for Electron and the local server (see the file's doc comment).
    files: ['electron/server/csp.ts'],
    summary: 'the Electron glue imports glue, backend, shared, electron, Node and npm packages',
  },
};

const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const BUILTINS = new Set(builtinModules);

/** The layer of a repository-relative POSIX path, or undefined outside the layered folders. */
function layerOf(rel: string): Layer | undefined {
  if (rel.startsWith('shared/')) return 'shared';
  if (rel.startsWith('renderer/')) return 'renderer';
  if (rel.startsWith('electron/backend/')) return 'backend';
  if (rel.startsWith('electron/cli/')) return 'cli';
  if (rel.startsWith('electron/server/')) return 'server';
  if (rel.startsWith('electron/')) return 'glue';
  return undefined;
}

interface Resolved {
  target: Target;
  /** Repository-relative path of a relative import. */
  file?: string;
  /** Package name of a bare import. */
  pkg?: string;
}

/** Classifies one specifier written in `fromRel`. */
function resolveSpecifier(fromRel: string, spec: string, isTypeReference = false): Resolved {
  if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
    const file = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec.replace(/[?#].*$/, '')));
    if (file === '..' || file.startsWith('../')) return { target: 'outside', file };
    const top = file.split('/')[0];
    return { target: layerOf(file) ?? (top === 'tests' || top === 'build' ? top : 'outside'), file };
  }
  if (spec.startsWith('/') || /^[A-Za-z]:[\\/]/.test(spec)) return { target: 'outside', file: spec };
  if (spec.startsWith('node:') || BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]!) || (isTypeReference && spec === 'node')) {
    return { target: 'node' };
  }
  if (spec === 'electron' || spec.startsWith('electron/')) return { target: 'electron' };
  const parts = spec.split('/');
  return { target: 'npm', pkg: spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}

/** Every module specifier in a source file: imports, export-from, import(), require() and `/// <reference>`s. */
function specifiersOf(source: string): { spec: string; isTypeReference: boolean }[] {
  const info = ts.preProcessFile(source, true, true);
  return [
    ...info.importedFiles.map((f) => ({ spec: f.fileName, isTypeReference: false })),
    ...info.referencedFiles.map((f) => ({ spec: f.fileName.startsWith('.') ? f.fileName : `./${f.fileName}`, isTypeReference: false })),
    ...info.typeReferenceDirectives.map((f) => ({ spec: f.fileName, isTypeReference: true })),
  ];
}

/** The layer-rule violations of one file, as readable lines; empty when it obeys the rule. */
function violationsOf(rel: string, source: string): string[] {
  const layer = layerOf(rel);
  if (!layer) return [];
  const rule = RULES[layer];
  const out: string[] = [];
  for (const { spec, isTypeReference } of specifiersOf(source)) {
    const r = resolveSpecifier(rel, spec, isTypeReference);
    const ok =
      r.target === 'npm'
        ? rule.npm === 'any' || rule.npm.includes(r.pkg!)
        : rule.allowed.includes(r.target) || (r.file !== undefined && (rule.files ?? []).includes(r.file));
    if (!ok) out.push(`${rel}: imports '${spec}' (${r.target === 'npm' ? `npm package ${r.pkg}` : r.file ?? r.target}); ${rule.summary}`);
  }
  return out;
}

/** Repository-relative paths of every source file in the layered folders. */
function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const abs = path.join(REPO_ROOT, rel);
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (SOURCE_EXTENSIONS.has(path.extname(entry.name)) && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  for (const top of ['shared', 'renderer', 'electron']) walk(top);
  return out.sort();
}

describe('layer import rule', () => {
  const files = sourceFiles();

  it('finds the layers it checks', () => {
    const layers = new Set(files.map(layerOf));
    for (const l of ['shared', 'backend', 'cli', 'server'] as const) expect(layers, `no source files found for layer ${l}`).toContain(l);
  });

  it('every source file imports only what its layer may', () => {
    const violations = files.flatMap((rel) => violationsOf(rel, fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8')));
    expect(violations).toEqual([]);
  });

  it('shared type-checks without Node or DOM types (no ambient globals either)', { timeout: 60_000 }, () => {
    const roots = files.filter((f) => layerOf(f) === 'shared').map((f) => path.join(REPO_ROOT, f));
    const program = ts.createProgram(roots, {
      lib: ['lib.es2023.d.ts'],
      types: [],
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      verbatimModuleSyntax: true,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? path.relative(REPO_ROOT, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(problems).toEqual([]);
  });

  describe('the checker itself', () => {
    it('flags what each layer must not import', () => {
      const bad: [string, string][] = [
        ['shared/api/x.ts', "import fs from 'node:fs';"],
        ['shared/api/x.ts', "import path from 'path';"],
        ['shared/api/x.ts', "import { Project } from '../../electron/backend/project.ts';"],
        ['shared/x.ts', "export * from '../renderer/app.tsx';"],
        ['shared/x.ts', "import { useState } from 'react';"],
        ['shared/x.ts', "const e = await import('electron');"],
        ['shared/x.ts', "const fs = require('fs');"],
        ['shared/x.ts', '/// <reference types="node" />'],
        ['shared/x.ts', "import type { JSDOM } from 'jsdom';"],
        ['renderer/ui/x.tsx', "import { ipcRenderer } from 'electron';"],
        ['renderer/x.tsx', "import fs from 'node:fs';"],
        ['renderer/x.tsx', "import os from 'os';"],
        ['renderer/x.tsx', "import { Project } from '../electron/backend/project.ts';"],
        ['renderer/x.tsx', "export { x } from '../tests/support/paths.ts';"],
        ['electron/backend/x.ts', "import { app } from 'electron';"],
        ['electron/backend/api/x.ts', "import { App } from '../../../renderer/app.tsx';"],
        ['electron/backend/api/x.ts', "import { startServer } from '../../server/server.ts';"],
        ['electron/backend/x.ts', "import { run } from '../cli/main.ts';"],
        ['electron/cli/x.ts', "import { BrowserWindow } from 'electron/main';"],
        ['electron/server/x.ts', "import { run } from '../cli/main.ts';"],
        ['electron/server/x.ts', "import { App } from '../../renderer/app.tsx';"],
        ['electron/main.ts', "import { App } from '../renderer/app.tsx';"],
        ['electron/main.ts', "import { run } from './cli/main.ts';"],
        ['electron/main.ts', "import x from '/abs/path.ts';"],
      ];
      for (const [file, source] of bad) expect(violationsOf(file, source), `${file}: ${source}`).toHaveLength(1);
    });

    it('accepts what each layer may import', () => {
      const good: [string, string][] = [
        ['shared/api/x.ts', "import { z } from 'zod';\nimport type { Label } from '../model/label.ts';\nexport * from './y.ts';"],
        ['renderer/x.tsx', "import { createRoot } from 'react-dom/client';\nimport { contract } from '../shared/index.ts';\nimport './style.css';"],
        ['renderer/ui/x.tsx', "import { EditorView } from 'prosemirror-view';\nimport { GlossError } from '../../shared/index.ts';"],
        ['electron/backend/api/x.ts', "import fs from 'node:fs';\nimport Database from 'better-sqlite3';\nimport { Project } from '../project.ts';\nimport { contract } from '../../../shared/index.ts';"],
        ['electron/cli/commands/x.ts', "import { startServer } from '../../server/server.ts';\nimport { Project } from '../../backend/project.ts';\nimport path from 'path';"],
        ['electron/server/x.ts', "import http from 'node:http';\nimport type { Dispatch } from '../backend/api/dispatch.ts';"],
        ['electron/main.ts', "import { app } from 'electron';\nimport { Project } from './backend/project.ts';\nimport { CONTENT_SECURITY_POLICY } from './server/csp.ts';\nimport { x } from './ipc.ts';"],
        ['electron/preload.ts', "import { contextBridge } from 'electron';\nimport { IPC_CHANNEL } from '../shared/index.ts';"],
        ['tests/unit/x.test.ts', "import { app } from 'electron';\nimport { App } from '../../renderer/app.tsx';"],
      ];
      for (const [file, source] of good) expect(violationsOf(file, source), `${file}: ${source}`).toEqual([]);
    });
  });
});
