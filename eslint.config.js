// ESLint flat config: typescript-eslint's recommended rules (not type-checked,
// to stay fast) plus the layer import rule of DEVELOPERS.md as
// `no-restricted-imports` patterns. The patterns catch mistakes while editing;
// tests/unit/layers.test.ts enforces the same rule exactly, by resolving paths.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Bare Node built-in names (`fs`, `fs/promises`, …); `node:` ones are caught by a pattern. */
const nodeBuiltins = (message) => builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message }));

/** A relative path that climbs into one of the repository's top-level folders, e.g. `../../electron/x`. */
const intoTop = (...folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

const NO_ELECTRON = { regex: '^electron(/|$)', message: 'only the Electron glue (electron/main.ts, preload.ts, ipc.ts) imports electron.' };
const NO_NODE = { regex: '^node:', message: 'this layer runs without Node: no node: modules.' };

/** One `no-restricted-imports` setting per layer; a later block for the same files replaces, not merges, the rule. */
const layerRules = [
  {
    name: 'gloss/layers/shared',
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(?!\\.|zod(/|$))', message: 'shared imports nothing but zod and files inside shared.' },
          { regex: intoTop('electron', 'renderer', 'tests', 'build'), message: 'shared imports only files inside shared.' },
        ],
      }],
    },
  },
  {
    name: 'gloss/layers/renderer',
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins('the renderer runs in a browser sandbox: no Node modules.'),
        patterns: [
          NO_ELECTRON,
          NO_NODE,
          { regex: intoTop('electron', 'tests', 'build'), message: 'the renderer reaches the backend only through the API contract in shared/.' },
        ],
      }],
    },
  },
  {
    name: 'gloss/layers/backend',
    files: ['electron/backend/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { ...NO_ELECTRON, message: 'the backend never imports electron: it also runs under the CLI and the local server.' },
          { regex: intoTop('renderer', 'tests', 'build'), message: 'the backend imports only backend, shared, Node and npm modules.' },
          { regex: '^(\\.\\./)+(cli|server|main|preload|ipc)(/|\\.|$)', message: 'the backend does not import its transports (cli, server, Electron glue).' },
        ],
      }],
    },
  },
  {
    name: 'gloss/layers/transports',
    files: ['electron/cli/**', 'electron/server/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { ...NO_ELECTRON, message: 'the CLI and the local server are plain Node: no electron.' },
          { regex: intoTop('renderer', 'tests', 'build'), message: 'the CLI and server import only backend, shared, Node and npm modules.' },
        ],
      }],
    },
  },
  {
    name: 'gloss/layers/glue',
    files: ['electron/*.{ts,tsx,mjs,js}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: intoTop('renderer', 'tests', 'build'), message: 'the Electron glue loads the renderer by URL, never by import.' }],
      }],
    },
  },
];

export default defineConfig([
  // Dot-files at the root are editors' and tools' scratch files, not sources.
  globalIgnores(['node_modules/', 'dist/', 'dist-electron/', 'dist-node/', 'release/', 'bench-results/', '.*']),
  {
    name: 'gloss/files',
    files: ['**/*.{ts,tsx,mjs,js,cjs}'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'gloss/globals',
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
  },
  {
    // CommonJS files (preload-style stubs loaded with `node -r`) load modules with require by definition.
    name: 'gloss/commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    name: 'gloss/renderer',
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // react-hooks 7: the classic two rules plus the React Compiler's diagnostics.
    rules: reactHooks.configs.flat.recommended.rules,
  },
  {
    // Files written before the compiler diagnostics existed: each mirrors state in
    // refs or resets local state in an effect. They are rewritten as they are
    // split (Reader.tsx first); new files get the whole rule set.
    name: 'gloss/renderer/legacy-hooks',
    files: [
      'renderer/src/compare/ClaimMatchPanel.tsx',
      'renderer/src/compare/ComparePage.tsx',
      'renderer/src/library/Library.tsx',
      'renderer/src/reader/AnnotationEditor.tsx',
      'renderer/src/reader/PropagationDialog.tsx',
      'renderer/src/reader/useResearch.ts',
      'renderer/src/tagset/ColorInput.tsx',
      'renderer/src/tagset/InlineText.tsx',
      'renderer/src/tagset/TagsetTransfer.tsx',
    ],
    rules: { 'react-hooks/refs': 'off', 'react-hooks/set-state-in-effect': 'off', 'react-hooks/immutability': 'off' },
  },
  {
    name: 'gloss/rules',
    rules: {
      // Text handling matches control characters on purpose (NULs in binary files, unsafe file-name characters).
      'no-control-regex': 'off',
      // `_`-prefixed names mark parameters a signature requires but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  ...layerRules,
]);
