import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The e2e servers run the compiled server (apps/server/dist/main.mjs), as production does: starting it takes a
 * fraction of what transpiling src/ with tsx at every start takes on a busy machine. Built once per run (esbuild,
 * about a second). The web app is built by `pnpm test` before Playwright starts (see scripts/run.mjs).
 */
export default function globalSetup(): void {
  const serverDir = path.resolve(import.meta.dirname, '../apps/server');
  const built = spawnSync(process.execPath, ['build.mjs'], { cwd: serverDir, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`could not build the server for the e2e tests:\n${built.stdout}\n${built.stderr}`);
}
