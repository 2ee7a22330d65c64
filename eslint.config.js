// One lint setup for the workspace (typescript-eslint, type-aware); formatting is prettier's job.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// Boundaries: a package is reached through its entry points (package.json "exports"), never its src/.
const DEEP_IMPORTS = [
  {
    regex: '^@paiban/[^/]+/src(/|$)',
    message: "Import the package's entry point (its package.json exports), not its src/.",
  },
  {
    // Up and into a sibling's src/ (`../../packages/solver/src/…`, `../../cli/src/…`); `../src/` is one's own.
    regex: '^(\\.\\./)+([^./][^/]*/)+src(/|$)',
    message: "Import the package by name (@paiban/…) through its entry point, not another package's src/.",
  },
]

// Tests run the CLI end to end through its `run` (the CLI has no library entry: it depends on the API).
const TEST_DEEP_IMPORTS = [
  DEEP_IMPORTS[0],
  { ...DEEP_IMPORTS[1], regex: '^(\\.\\./)+(?!(apps/)?cli/src/main$)([^./][^/]*/)+src(/|$)' },
]

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/array-type': ['error', { default: 'array-simple' }],
      'no-restricted-imports': ['error', { patterns: DEEP_IMPORTS }],
    },
  },
  {
    files: ['**/tests/**/*.{ts,tsx}', 'apps/web/e2e/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: TEST_DEEP_IMPORTS }] },
  },
  {
    // The browser gets the solver's browser-safe entry only (the rest needs node:worker_threads).
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@paiban/solver', message: 'The web app imports @paiban/solver/fill-hole only.' }],
          patterns: [
            ...DEEP_IMPORTS,
            {
              regex: '^@paiban/solver/(?!fill-hole$)',
              message: 'The web app imports @paiban/solver/fill-hole only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The product never reaches into the laboratory (the lab may import month/ and engine/).
    files: [
      'packages/solver/src/month/**/*.ts',
      'packages/solver/src/engine/**/*.ts',
      'packages/solver/src/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...DEEP_IMPORTS,
            { regex: '(^|/)lab(/|$)', message: 'month/ and engine/ must not import lab/.' },
          ],
        },
      ],
    },
  },
  {
    // process.env and the clock belong to apps; packages get them as arguments (design.md).
    files: ['packages/*/src/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Packages take configuration as arguments.' },
      ],
    },
  },
)
