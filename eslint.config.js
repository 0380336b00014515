// Lint zones keep the layers apart (DESIGN §2): a wrong import fails here and, where types
// allow, in the tsconfig of its project too.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noNodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net'],
  message: 'Node built-ins are not available here.',
};
const noElectron = { group: ['electron', 'electron/*'], message: "Only electron/main imports 'electron'." };
const noSqlite = { group: ['better-sqlite3'], message: 'Only electron/core/store talks to SQLite.' };
const noElectronFolder = { group: ['**/electron/**'], message: 'The renderer reaches the core only through its client.' };
const noRenderer = { group: ['**/renderer/**'], message: 'The core never imports the renderer.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'tests/artifacts/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noNodeBuiltins, noElectron, noSqlite, noElectronFolder, noRenderer] }],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [noNodeBuiltins, noElectron, noSqlite, noElectronFolder] }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/store/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noSqlite, noRenderer] }] },
  },
  {
    files: ['electron/core/store/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer] }] },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noSqlite, noRenderer, { group: ['**/core/**'], message: 'The preload only bridges IPC.' }] }] },
  },
  {
    files: ['electron/main/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [noSqlite, noRenderer] }] },
  },
  {
    files: ['tests/**/*.ts', '*.config.{js,ts}', 'renderer/vite.config.ts'],
    languageOptions: { globals: globals.node },
  },
);
