// ESLint 9 flat config: typescript-eslint's type-aware recommended rules, no floating promises, and the layer rule
// (ARCHITECTURE.md: imports point down only), expressed as no-restricted-imports patterns per folder.
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

/** For each layer, the layers above it: importing one of them is an error. */
const ABOVE = {
  l10n: ['yaml', 'k8s', 'engine', 'rules', 'workspace', 'render', 'features', 'lsp', 'cli'],
  yaml: ['k8s', 'engine', 'rules', 'workspace', 'render', 'features', 'lsp', 'cli'],
  k8s: ['engine', 'rules', 'workspace', 'render', 'features', 'lsp', 'cli'],
  engine: ['rules', 'workspace', 'render', 'features', 'lsp', 'cli'],
  rules: ['workspace', 'render', 'features', 'lsp', 'cli'],
  workspace: ['rules', 'render', 'features', 'lsp', 'cli'],
  render: ['features', 'lsp', 'cli'],
  features: ['lsp', 'cli'],
  lsp: ['cli'],
  cli: ['lsp'],
};

export const layerRules = Object.entries(ABOVE).map(([layer, above]) => ({
  files: [`server/src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: above.map((up) => ({
          group: [`../${up}`, `../${up}/*`, `../../${up}/*`],
          message: `server/src/${layer} may not import server/src/${up}: imports point down only (ARCHITECTURE.md, Layers).`,
        })),
      },
    ],
  },
}));

const PRODUCT = ['server/src/**/*.ts', 'client/src/**/*.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'schemas/**', 'scripts/vscode-e2e/**', 'test/e2e/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  // The product code gets the type-aware rules; the tests (which read JSON from spawned processes and assert on it,
  // and fire LSP notifications on purpose) get the syntactic ones.
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: PRODUCT })),
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['test/**/*.ts'] })),
  {
    files: PRODUCT,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // No import cycles in the server and client, type-only imports included (the layer rule forbids the ones across
    // layers; this one also catches those inside a layer).
    files: PRODUCT,
    plugins: { import: importPlugin },
    settings: { 'import/parsers': { '@typescript-eslint/parser': ['.ts'] }, 'import/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  ...layerRules,
);
