import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseAnswer, ParseJob } from './parse-worker.ts';
import { Counter } from '@seatfold/sync/server';
import { busy, UploadError } from './spreadsheet/limits.ts';
import type { PackedFile } from './spreadsheet/packed.ts';

/**
 * Spreadsheets are parsed off the main thread, in a few worker threads with a memory limit and a wall-clock limit
 * of their own, so one workbook can neither freeze nor exhaust the server. At most `workers` parses run at once;
 * `queue` more may wait; beyond that an upload is refused as busy (retryable). A worker that dies (memory) or
 * overruns (time) is terminated, its upload gets a clear message, and a fresh worker takes the next job.
 */
export interface ParsePoolOptions {
  workers: number;
  queue: number;
  /**
   * parses one plan may have running or waiting: the pool is every plan's, and one plan's uploads (a hostile
   * organiser's loop) must not take all of it and leave every other plan's refused as busy
   */
  perPlan: number;
  timeoutMs: number;
  maxOldGenerationMb: number;
  /**
   * a worker's young generation: a parse builds every row as objects that live until the file is packed, so with a
   * small one the worker scavenges every few milliseconds, copying the rows again each time. Three uploads in a loop
   * (bench/src/abuse-alone.ts uploads, --trace-gc): at 32 MB the worker spent 2.7–2.9 of 6 s in GC, at 64 MB 2.1–2.2
   * s (CPU per upload −18 %), at 128 MB 1.1 s (−40 %). V8 keeps the space once grown (RSS ~55 MB higher at 128
   * than at 32 after parsing) until the idle worker is ended (`idleMs`); docs/performance.md, stop 29.
   */
  youngGenerationMb: number;
  /**
   * a worker with nothing to do for this long is ended, its memory given back (a parse leaves the worker's heap grown
   * by ~130 MB); the next upload starts a fresh one, which takes a few hundred milliseconds
   */
  idleMs: number;
  /** suggested wait for a refused upload */
  retryAfterSec: number;
}

/** Two parses at once at most, and never all the cores: one stays free for the server's own thread. */
export const DEFAULT_PARSE_POOL: ParsePoolOptions = {
  workers: Math.max(1, Math.min(2, availableParallelism() - 1)),
  queue: 8,
  perPlan: 4,
  timeoutMs: 20_000,
  maxOldGenerationMb: 256,
  youngGenerationMb: 128,
  idleMs: 60_000,
  retryAfterSec: 10,
};

export const TOO_COMPLEX =
  'This workbook is too large or complex to read here: remove unused sheets, columns and formatting, split it into smaller files, or save it as .csv and upload that.';

/**
 * How to start a parse worker. Under tests and `pnpm dev` this module is TypeScript and so is the worker: it is
 * started through a one-line bootstrap that registers tsx first (on Node 20 a worker's `execArgv: ['--import',
 * 'tsx']` does not apply to the worker's own entry module: "Unknown file extension .ts"). In the bundle this module
 * is inlined into dist/main.mjs and the worker is dist/parse-worker.mjs beside it — an esbuild entry point of its
 * own: src/parse-worker.ts → dist/parse-worker.mjs.
 */
export function parseWorkerEntry(moduleUrl = import.meta.url): { script: URL | string; eval: boolean } {
  if (!moduleUrl.endsWith('.ts')) return { script: new URL('./parse-worker.mjs', moduleUrl), eval: false };
  const tsxApi = new URL('./esm/api/index.mjs', pathToFileURL(createRequire(moduleUrl).resolve('tsx'))).href;
  const worker = new URL('./parse-worker.ts', moduleUrl).href;
  return { script: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`, eval: true };
}

interface Job {
  id: number;
  data: Uint8Array;
  fileName: string;
  log: (msg: string) => void;
  resolve: (parsed: PackedFile) => void;
  reject: (err: UploadError) => void;
}

interface Slot {
  worker: Worker;
  /** booted (its code loaded): the time limit counts parsing only, not a worker's start */
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** ends the worker once it has been idle for `idleMs` */
  idle: NodeJS.Timeout | null;
}

export class ParsePool {
  private readonly slots = new Set<Slot>();
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private closed = false;
  private readonly plans: Counter<string>;
  /** workers replaced after a crash or a timeout (for tests and health) */
  replaced = 0;

  constructor(readonly options: ParsePoolOptions = DEFAULT_PARSE_POOL) {
    this.plans = new Counter(options.perPlan);
  }

  get running(): number {
    return [...this.slots].filter((s) => s.job).length;
  }
  get queued(): number {
    return this.waiting.length;
  }
  /** workers alive, busy or idle */
  get workers(): number {
    return this.slots.size;
  }

  /** Parses `data` off the main thread; `planId` is the plan it is for (counted against `perPlan`). */
  parse(data: Uint8Array, fileName: string, log: (msg: string) => void = () => {}, planId?: string): Promise<PackedFile> {
    if (this.closed) return Promise.reject(busy('The server is shutting down.', this.options.retryAfterSec));
    if (this.running + this.waiting.length >= this.options.workers + this.options.queue) {
      return Promise.reject(busy('Many spreadsheets are being read right now.', this.options.retryAfterSec));
    }
    if (planId !== undefined && !this.plans.tryAdd(planId)) {
      return Promise.reject(busy(`This plan already has ${this.options.perPlan} spreadsheets being read.`, this.options.retryAfterSec));
    }
    let counted = planId !== undefined;
    const release = () => {
      if (counted) this.plans.remove(planId!);
      counted = false;
    };
    // Copied into a buffer of its own, transferred (not cloned) to the worker.
    const own = new Uint8Array(data);
    return new Promise<PackedFile>((resolve, reject) => {
      const done = { resolve: (p: PackedFile) => (release(), resolve(p)), reject: (e: UploadError) => (release(), reject(e)) };
      this.waiting.push({ id: this.nextId++, data: own, fileName, log, ...done });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(busy('The server is shutting down.', this.options.retryAfterSec));
    await Promise.all([...this.slots].map((s) => this.retire(s, busy('The server is shutting down.', this.options.retryAfterSec))));
  }

  private pump() {
    while (this.waiting.length > 0) {
      const slot = [...this.slots].find((s) => s.ready && !s.job);
      if (!slot) {
        if (this.slots.size < this.options.workers) this.spawn();
        return;
      }
      this.start(slot, this.waiting.shift()!);
    }
  }

  private spawn(): Slot {
    const entry = parseWorkerEntry();
    const worker = new Worker(entry.script, {
      eval: entry.eval,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationMb, maxYoungGenerationSizeMb: this.options.youngGenerationMb },
    });
    worker.unref(); // an idle worker never keeps the process alive
    const slot: Slot = { worker, ready: false, job: null, timer: null, idle: null };
    this.slots.add(slot);
    worker.on('message', (a: ParseAnswer) => this.answer(slot, a));
    worker.on('error', (err) => {
      if (!slot.ready) return this.bootFailed(slot, err);
      slot.job?.log(`parse worker failed on “${slot.job.fileName}”: ${err.stack ?? err}`);
      void this.retire(slot, new UploadError(TOO_COMPLEX));
    });
    worker.on('exit', (code) => {
      if (!slot.ready) return this.bootFailed(slot, new Error(`exited with code ${code} before it was ready`));
      if (this.slots.has(slot)) {
        slot.job?.log(`parse worker exited (code ${code}) while reading “${slot.job.fileName}”`);
        void this.retire(slot, new UploadError(TOO_COMPLEX));
      }
    });
    return slot;
  }

  private start(slot: Slot, job: Job) {
    this.stopIdle(slot);
    slot.job = job;
    slot.worker.ref(); // a running parse keeps the process alive until it answers
    slot.timer = setTimeout(() => {
      job.log(`parse of “${job.fileName}” (${job.data.byteLength} bytes) overran ${this.options.timeoutMs} ms: worker terminated`);
      void this.retire(slot, new UploadError(TOO_COMPLEX));
    }, this.options.timeoutMs);
    const message: ParseJob = { id: job.id, data: job.data, fileName: job.fileName };
    slot.worker.postMessage(message, [job.data.buffer as ArrayBuffer]);
  }

  private answer(slot: Slot, a: ParseAnswer) {
    if ('ready' in a) {
      slot.ready = true;
      return this.pump();
    }
    const job = slot.job;
    if (!job || a.id !== job.id) return;
    if ('log' in a) return job.log(a.log);
    for (const line of a.ok ? [] : a.logs) job.log(line);
    this.finish(slot);
    if (a.ok) job.resolve(a.parsed);
    else job.reject(new UploadError(a.message));
    this.pump();
    if (!slot.job && this.slots.has(slot)) {
      slot.idle = setTimeout(() => void this.retire(slot, null), this.options.idleMs);
      slot.idle.unref();
    }
  }

  private stopIdle(slot: Slot) {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
  }

  private finish(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
  }

  /** A worker that cannot even start (a broken install or build): the waiting uploads are told, not retried forever. */
  private bootFailed(slot: Slot, err: Error) {
    if (!this.slots.delete(slot)) return;
    void slot.worker.terminate();
    const waiting = this.waiting.splice(0);
    waiting[0]?.log(`parse worker could not start: ${err.stack ?? err}`);
    for (const job of waiting) job.reject(busy('Spreadsheets cannot be read right now.', this.options.retryAfterSec));
  }

  /** Ends a worker (its job, if any, fails with `err`; null: an idle worker, no job) and lets a fresh one take the queue. */
  private async retire(slot: Slot, err: UploadError | null) {
    if (!this.slots.delete(slot)) return;
    this.stopIdle(slot);
    const job = slot.job;
    this.finish(slot);
    if (job) {
      this.replaced++;
      job.reject(err ?? new UploadError(TOO_COMPLEX));
    }
    const ended = slot.worker.terminate();
    if (!this.closed) this.pump();
    await ended;
  }
}

let shared: ParsePool | null = null;

/** The process's pool: parsing is CPU-bound, so the bound holds for the whole server, whatever the number of apps. */
export function parsePool(): ParsePool {
  return (shared ??= new ParsePool());
}

/** Replaces the process's pool (tests use tight limits); the old one is closed. */
export async function useParsePool(options: Partial<ParsePoolOptions>): Promise<ParsePool> {
  const old = shared;
  shared = new ParsePool({ ...DEFAULT_PARSE_POOL, ...options });
  await old?.close();
  return shared;
}
