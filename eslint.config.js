import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Type-aware lint: one TypeScript project service serves every package's tsconfig (no second program per
// package), so `pnpm lint` stays about as fast as one `tsc` pass over the workspace.
export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/dist-ssr/**',
      '**/node_modules/**',
      'test-results/**',
      'bench/results/**',
      'playwright-report/**',
      'reports/**',
      '**/.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // Root config files (vitest, eslint) belong to no package tsconfig; they are linted through the default project.
          allowDefaultProject: ['*.ts', '*.js'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts'],
    rules: {
      // vitest's and Playwright's asymmetric matchers (expect.any, expect.stringMatching, …) are typed `any`, and
      // every finding of this rule in tests was one of them inside toEqual/toMatchObject.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // Test fakes implement async interfaces with bodies that need no await; `async` is what turns their throw
      // into the rejection the code under test must see.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['packages/sync/src/server/*.test.ts'],
    rules: {
      // `(await session.handle('join', …)) as JoinReply` narrows a reply union; the rule's "infer it from a type
      // argument" advice does not apply (handle's type parameter is the request name, not the reply).
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      // Components destructure callbacks from props (and RTK's dispatch/getState from its API object); their types
      // use method shorthand but none of them reads `this`, so the rule only flags React's own idiom here.
      '@typescript-eslint/unbound-method': 'off',
      // React ignores what an event handler returns; an async onClick is its idiom (each one reports its own failure).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // The React Compiler diagnostics of react-hooks 7 judge whether a component can be auto-memoised. The app does
      // not use the React Compiler; making these components compile means reworking effects and refs in code other
      // people own today (24 findings on 2026-12-02: set-state-in-effect, refs, preserve-manual-memoization, purity,
      // use-memo, incompatible-library). rules-of-hooks and exhaustive-deps stay on.
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      'react-hooks/preserve-manual-memoization': 'off',
      'react-hooks/purity': 'off',
      'react-hooks/use-memo': 'off',
      'react-hooks/incompatible-library': 'off',
    },
  },
);
