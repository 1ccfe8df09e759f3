#!/usr/bin/env node
// `npm start` / `npm test` on a machine with nothing but Node: installs the workspace from the lockfile with
// pnpm (fetched through npx when it is not installed), then starts Seatfold or runs every test suite.
// No dependencies: this file runs before node_modules exists.
import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const PNPM_VERSION = '12.21.0';
const say = (msg) => console.log(`\x1b[1m[seatfold]\x1b[0m ${msg}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}
function must(cmd, args, opts) {
  const status = run(cmd, args, opts);
  if (status !== 0) {
    say(`failed: ${cmd} ${args.join(' ')} (exit ${status})`);
    process.exit(status);
  }
}
/**
 * Runs commands side by side, each one's output held and printed whole when it ends (so they do not interleave);
 * exits with the first failure's status once all have ended. The static checks are single-threaded: on two cores,
 * two at a time take about half as long.
 */
async function mustAll(jobs) {
  const results = await Promise.all(
    jobs.map(
      ([cmd, args]) =>
        new Promise((resolve) => {
          const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
          const out = [];
          child.stdout.on('data', (b) => out.push(b));
          child.stderr.on('data', (b) => out.push(b));
          child.on('error', (err) => resolve({ cmd, args, status: 1, out: [Buffer.from(String(err))] }));
          child.on('close', (status) => resolve({ cmd, args, status: status ?? 1, out }));
        }),
    ),
  );
  for (const r of results) process.stdout.write(Buffer.concat(r.out));
  const failed = results.find((r) => r.status !== 0);
  if (failed) {
    say(`failed: ${failed.cmd} ${failed.args.join(' ')} (exit ${failed.status})`);
    process.exit(failed.status);
  }
}
const works = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

/** pnpm as [command, ...prefix args]: the installed one, or a pinned one through npx. */
function pnpm() {
  if (works('pnpm', ['--version'])) return ['pnpm'];
  say(`pnpm is not installed; using pnpm ${PNPM_VERSION} through npx`);
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function ensureInstalled(p) {
  const marker = path.join(root, 'node_modules', '.modules.yaml');
  const lock = path.join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say('installing dependencies from the lockfile…');
  must(p[0], [...p.slice(1), 'install', '--frozen-lockfile']);
}

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((c) => existsSync(c));
}

function ensureChromium() {
  if (chromiumPath()) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    say('Chromium is missing: installing Debian’s chromium for the end-to-end tests…');
    must('apt-get', ['update', '-qq']);
    must('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (chromiumPath()) return;
  }
  say('The end-to-end tests need Chromium. Install it (Debian: `apt-get install -y chromium`) or set CHROMIUM_PATH.');
  process.exit(1);
}

const task = process.argv[2];
const p = pnpm();
ensureInstalled(p);

if (task === 'start') {
  say('building the web app…');
  must(p[0], [...p.slice(1), '--filter', '@seatfold/web', 'build']);
  say('compiling the server and starting it (node apps/server/dist/main.mjs)…');
  must(p[0], [...p.slice(1), '--filter', '@seatfold/server', 'start']);
} else if (task === 'test') {
  ensureChromium();
  if (!process.env.DATABASE_URL) say('DATABASE_URL is not set: the PostgreSQL tests will not run (PGlite tests will).');
  say('type check, lint, format and import cycles, side by side…');
  await mustAll(['typecheck', 'lint', 'format:check', 'cycles'].map((script) => [p[0], [...p.slice(1), script]]));
  must(p[0], [...p.slice(1), 'test:vitest']);
  say('building the web app for the end-to-end tests…');
  must(p[0], [...p.slice(1), '--filter', '@seatfold/web', 'build']);
  must(p[0], [...p.slice(1), 'test:e2e']);
  say('all test suites passed');
} else {
  say('usage: node scripts/run.mjs start|test');
  process.exit(2);
}
