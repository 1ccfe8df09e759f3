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
    // Test files share their worker's module cache instead of importing everything afresh per file: no test mocks a
    // module or stubs a global, and a full run fell from 280 s to 177–183 s (imports 80 s → 16 s), quiet machine.
    isolate: false,
    // Two test files at a time on this 2-core machine (vitest's default there is one): an integration file spends
    // much of its time waiting — on sockets, timers, fsync — and a quiet run used 1.25 of the 2 cores with one.
    maxWorkers: 2,
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
});
