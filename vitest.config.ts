import { defineConfig } from 'vitest/config';

// One vitest run covers every package and app. Integration tests share PGlite instances per file
// (PGlite takes seconds to start), and PostgreSQL tests run when DATABASE_URL is set. Under CI a JSON
// report lets .ci/run prove that the PostgreSQL suites ran.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
});
