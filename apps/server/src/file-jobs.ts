import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { PlanState } from '@seatfold/domain';
import type { FileAnswer, FileJob } from './file-worker.ts';
import { Busy, Turns } from './turns.ts';

/**
 * A plan's state as a file job carries it: serialised on the server's thread (inside `room.read`, so it is one
 * committed version), its bytes then moved to the worker without a copy. The one piece of a file's work left on the
 * shared thread.
 */
export const stateBytes = (s: PlanState): Uint8Array => serialize(s);

/** Files made at once, server-wide (each in a worker thread of its own), how long one may take, and its heap: a
 * workbook's more (exceljs holds the whole sheet: a 20,000-guest plan's failed at 256 MB, was made within 1 GB); how
 * many may wait their turn, and how long. */
export const FILE_LIMITS = { atOnce: 2, timeoutMs: 60_000, maxOldGenerationMb: 256, workbookOldGenerationMb: 1024, waiting: 32, waitMs: 60_000 };

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

/** one file at a time per owner, FILE_LIMITS.atOnce at once, the rest in line (turns.ts) */
const turns = new Turns(FILE_LIMITS, {
  yours: 'Your last download is still being made. Try again when it has arrived.',
  full: 'The server is making many files right now. Try again in a minute.',
});

/**
 * Makes a file off the main thread, in a worker started for the job and ended after it (downloads are rare; a pool
 * would hold memory for nothing). Waits its turn beyond FILE_LIMITS.atOnce (turns.ts), refused while `owner` (a
 * client address) has one being made or waiting; a worker that overruns its time or memory is ended and the file refused
 * with `failedText` — the library's message goes to the log only.
 */
export async function makeFile(
  /** the job, asked for once the file may be made: a refused download costs the server's thread nothing */
  job: () => Promise<FileJob>,
  log: (msg: string) => void,
  failedText: string,
  owner?: string,
  /** what to say when the file is more than the worker's memory holds: asking again would fail again */
  tooBigText = failedText,
): Promise<Uint8Array> {
  const release = await turns.take(owner).catch((err: unknown) => {
    throw err instanceof Busy ? new FilesBusy(err.message) : err;
  });
  let worker: Worker | null = null;
  try {
    const j = await job();
    const heapMb = j.format === 'xlsx' ? FILE_LIMITS.workbookOldGenerationMb : FILE_LIMITS.maxOldGenerationMb;
    const e = entry();
    const w = (worker = new Worker(e.script, { eval: e.eval, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 } }));
    return await new Promise<Uint8Array>((resolve, reject) => {
      // Answered once: the worker's exit after its answer (it is ended when the file is made) is no failure.
      let settled = false;
      const failed = (why: string, text = failedText) => {
        if (settled) return;
        settled = true;
        log(`${j.format} file failed: ${why}`);
        reject(new FileFailed(text));
      };
      const timer = setTimeout(() => failed(`no answer within ${FILE_LIMITS.timeoutMs} ms`), FILE_LIMITS.timeoutMs);
      w.once('message', (a: FileAnswer) => {
        clearTimeout(timer);
        if (!a.ok) return failed(a.message);
        settled = true;
        resolve(a.bytes);
      });
      w.once('error', (err: Error & { code?: string }) => {
        clearTimeout(timer);
        failed(String(err?.stack ?? err), err?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooBigText : failedText);
      });
      w.once('exit', (code) => {
        clearTimeout(timer);
        failed(`worker exited (${code})`);
      });
      // The state's bytes are moved, not copied (a Buffer from a shared pool is copied: moving it would take the pool).
      const own = j.state.byteOffset === 0 && j.state.byteLength === j.state.buffer.byteLength;
      w.postMessage(j, own ? [j.state.buffer as ArrayBuffer] : []);
    });
  } finally {
    release();
    void worker?.terminate();
  }
}
