import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './testing.ts';

const serverDir = path.resolve(import.meta.dirname, '..');

/** The production start: the esbuild bundle run by plain Node, logging JSON lines through pino. */
describe('compiled server (dist/main.mjs)', () => {
  let dataDir: string;
  let out = '';
  let proc: ReturnType<typeof spawn>;
  let url = '';

  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['build.mjs'], { cwd: serverDir, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    dataDir = await mkdtemp(path.join(tmpdir(), 'seatfold-main-test-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', SEATFOLD_DATA_DIR: dataDir, SEATFOLD_DEMO: '0' };
    delete env.DATABASE_URL;
    proc = spawn(process.execPath, ['dist/main.mjs'], { cwd: serverDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const port = await waitFor(
      () => `the server to start:\n${out}`,
      () => /running at http:\/\/localhost:(\d+)/.exec(out)?.[1],
      90_000,
      50,
    );
    url = `http://127.0.0.1:${port}`;
  }, 120_000);
  afterAll(async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('survives odd requests to /socket.io/, logs one redacted JSON line per request, never a token', async () => {
    for (const q of ['', '?EIO=4', '?EIO=4&transport=polling&sid=x', '?transport=websocket', '?%%%']) {
      await fetch(`${url}/socket.io/${q}`);
      await fetch(`${url}/socket.io/${q}`, { method: 'POST', body: 'x' });
    }
    const token = 'Zq3kV9xT2mW8pL4nR7sB1cYd';
    expect((await fetch(`${url}/api/links/${token}`)).status).toBe(404);
    expect((await fetch(`${url}/p/${token}`)).status).toBeGreaterThanOrEqual(200);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    expect(proc.exitCode).toBe(null);
    await waitFor('the request lines', () => out.includes('"path":"/api/health"'));
    const lines = out.trim().split('\n');
    for (const line of lines) expect((): unknown => JSON.parse(line), line).not.toThrow();
    const requests = lines.map((l) => JSON.parse(l) as { req?: { method: string; path: string; status: number; ms: number } }).filter((l) => l.req);
    expect(requests).toContainEqual(expect.objectContaining({ req: { method: 'GET', path: '/api/links/…', status: 404, ms: expect.any(Number) } }));
    expect(out).not.toContain(token);
  });
});
