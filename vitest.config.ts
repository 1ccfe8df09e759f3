import { defineConfig } from 'vitest/config';

// One vitest run covers every package and app. Integration tests share PGlite instances per file
// (PGlite takes seconds to start), and PostgreSQL tests run when DATABASE_URL is set. Under CI a JSON
// report lets .ci/run prove that the PostgreSQL suites ran.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.{ts,tsx}'],
    // Deadlock guards, not speed checks: a busy 2-core machine (load 9+) makes PGlite start-ups and real-socket
    // round trips several times slower, and a test must then be slow, not red. Speed lives in `pnpm bench`.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
});
