import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileAnswer, FileJob } from './file-worker.ts';

/** Files made at once, server-wide (each in a worker thread of its own), and how long one may take. */
export const FILE_LIMITS = { atOnce: 2, timeoutMs: 60_000, maxOldGenerationMb: 256 };

export class FilesBusy extends Error {}
export class FileFailed extends Error {}

/**
 * Where the file worker is: under tests and `pnpm dev` this module is TypeScript, and the worker is started
 * through a bootstrap that registers tsx first (as parse-pool.ts does, for the same reason); in the bundle this
 * module is inlined into dist/main.mjs and the worker is dist/file-worker.mjs beside it (an esbuild entry point).
 */
function entry(moduleUrl = import.meta.url): { script: URL | string; eval: boolean } {
  if (!moduleUrl.endsWith('.ts')) return { script: new URL('./file-worker.mjs', moduleUrl), eval: false };
  const tsxApi = new URL('./esm/api/index.mjs', pathToFileURL(createRequire(moduleUrl).resolve('tsx'))).href;
  const worker = new URL('./file-worker.ts', moduleUrl).href;
  return { script: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`, eval: true };
}

let running = 0;
/** the owners (client addresses) with a file being made: one at a time each, so no one holds every slot */
const owners = new Set<string>();

/**
 * Makes a file off the main thread, in a worker started for the job and ended after it (downloads are rare; a pool
 * would hold memory for nothing). Refused as busy beyond FILE_LIMITS.atOnce, or while `owner` (a client address)
 * has one being made; a worker that overruns its time or memory is ended and the file refused with `failedText` —
 * the library's message goes to the log only.
 */
export async function makeFile(job: FileJob, log: (msg: string) => void, failedText: string, owner?: string): Promise<Uint8Array> {
  if (owner !== undefined && owners.has(owner)) throw new FilesBusy('Your last download is still being made. Try again when it has arrived.');
  if (running >= FILE_LIMITS.atOnce) throw new FilesBusy('The server is making other files right now. Try again in a few seconds.');
  running++;
  if (owner !== undefined) owners.add(owner);
  const e = entry();
  const worker = new Worker(e.script, {
    eval: e.eval,
    resourceLimits: { maxOldGenerationSizeMb: FILE_LIMITS.maxOldGenerationMb, maxYoungGenerationSizeMb: 32 },
  });
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      // Answered once: the worker's exit after its answer (it is ended when the file is made) is no failure.
      let settled = false;
      const failed = (why: string) => {
        if (settled) return;
        settled = true;
        log(`${job.format} file failed: ${why}`);
        reject(new FileFailed(failedText));
      };
      const timer = setTimeout(() => failed(`no answer within ${FILE_LIMITS.timeoutMs} ms`), FILE_LIMITS.timeoutMs);
      worker.once('message', (a: FileAnswer) => {
        clearTimeout(timer);
        if (!a.ok) return failed(a.message);
        settled = true;
        resolve(a.bytes);
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        failed(String(err?.stack ?? err));
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        failed(`worker exited (${code})`);
      });
      worker.postMessage(job);
    });
  } finally {
    running--;
    if (owner !== undefined) owners.delete(owner);
    void worker.terminate();
  }
}
