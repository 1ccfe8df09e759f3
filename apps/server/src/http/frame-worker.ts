import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { PlanStateReply } from '@seatfold/sync';

/** What a frame is drawn from: the state reply's head and the state's JSON bytes. */
export interface FrameJob {
  head: Omit<PlanStateReply, 'state'>;
  state: Uint8Array;
}

export interface FrameWorkerOptions {
  /** a render running longer is abandoned: the worker is replaced */
  renderMs: number;
  /** renders waiting (beside the one running, or for the worker to start); more are refused at once (the page is then served without a frame) */
  queue: number;
  maxOldGenerationMb: number;
  /** a worker without a job this long is stopped (it holds ~17 MB resident); the next plan page starts it again */
  idleMs: number;
}

export const DEFAULT_FRAME_WORKER: FrameWorkerOptions = { renderMs: 2_000, queue: 4, maxOldGenerationMb: 192, idleMs: 300_000 };

/**
 * The worker's whole program: it loads the web app's frame module (built by `vite build --ssr`, plain JavaScript:
 * no transpiler needed under tests or in production) and answers one job at a time with the frame's HTML.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.module).then(
  ({ renderServerFrame }) => {
    const utf8 = new TextDecoder();
    parentPort.on('message', ({ id, head, state }) => {
      try {
        const reply = { ...head, state: JSON.parse(utf8.decode(state)) };
        parentPort.postMessage({ id, html: renderServerFrame(reply) });
      } catch (err) {
        parentPort.postMessage({ id, error: String((err && err.stack) || err) });
      }
    });
    parentPort.postMessage({ ready: true });
  },
  (err) => parentPort.postMessage({ failed: String((err && err.stack) || err) }),
);`;

type Answer = { ready: true } | { failed: string } | { id: number; html: string } | { id: number; error: string };

interface Pending {
  id: number;
  job: FrameJob;
  resolve: (html: string) => void;
  reject: (err: Error) => void;
}

/**
 * Renders plans' server frames in one worker thread, one at a time, so React's render (5–20 ms for the demo, more on a
 * first run) never holds the thread that answers every plan's commands. Bounded: one render running and `queue`
 * waiting, each with a time limit and the worker with a memory limit; a worker that fails, overruns or dies is
 * replaced for the next job. It starts on the first job (an idle server holds no worker) and never keeps the process
 * alive. Every failure is a rejection: the caller then serves the page without a frame.
 */
export class FrameWorker {
  private worker: Worker | null = null;
  private ready = false;
  private running: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private idle: NodeJS.Timeout | null = null;
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** the frame module could not be loaded: no frames until the server restarts (a rebuild needs one anyway) */
  private broken = false;
  /** workers replaced after a failure (for tests) */
  replaced = 0;

  constructor(
    private readonly moduleFile: string,
    private readonly options: FrameWorkerOptions = DEFAULT_FRAME_WORKER,
    private readonly log: (msg: string) => void = () => {},
  ) {}

  /** Whether a render would start now, without first starting a worker (~150 ms: the app's modules load). */
  get warm(): boolean {
    return this.ready;
  }

  /** Starts the worker, when there is none, without a job: the next render need not wait for it. */
  warmUp(): void {
    if (!this.worker && !this.closed && !this.broken) this.spawn();
  }

  render(job: FrameJob): Promise<string> {
    if (this.closed || this.broken) return Promise.reject(new Error(this.closed ? 'closed' : 'no frame module'));
    if (this.waiting.length >= this.options.queue) return Promise.reject(new Error('busy'));
    return new Promise<string>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, job, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) p.reject(new Error('closed'));
    await this.retire(new Error('closed'));
  }

  private pump() {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (!this.closed && this.worker && !this.running && this.waiting.length === 0) {
      this.idle = setTimeout(() => void this.retire(new Error('idle')), this.options.idleMs);
      this.idle.unref();
    }
    if (this.closed || this.broken || this.running || this.waiting.length === 0) return;
    if (!this.worker) return this.spawn();
    if (!this.ready) return;
    const next = this.waiting.shift()!;
    this.running = next;
    this.timer = setTimeout(() => void this.fail(new Error(`a frame took longer than ${this.options.renderMs} ms`)), this.options.renderMs);
    this.worker.postMessage({ id: next.id, head: next.job.head, state: next.job.state });
  }

  private spawn() {
    const worker = new Worker(PROGRAM, {
      eval: true,
      workerData: { module: pathToFileURL(this.moduleFile).href },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationMb, maxYoungGenerationSizeMb: 32 },
    });
    worker.unref();
    this.worker = worker;
    this.ready = false;
    worker.on('message', (m: Answer) => {
      if (worker !== this.worker) return;
      if ('ready' in m) {
        this.ready = true;
        return this.pump();
      }
      if ('failed' in m) {
        this.broken = true;
        return void this.fail(new Error(`the frame module did not load: ${m.failed}`));
      }
      const p = this.running;
      if (!p || p.id !== m.id) return;
      this.finish();
      if ('html' in m) p.resolve(m.html);
      else {
        this.log(`a plan's server frame failed: ${m.error}`);
        p.reject(new Error('render failed'));
      }
      this.pump();
    });
    worker.on('error', (err) => worker === this.worker && void this.fail(err));
    worker.on('exit', (code) => worker === this.worker && void this.fail(new Error(`the frame worker exited (${code})`)));
  }

  private finish() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = null;
  }

  /** The worker is unusable: its job (or, while it was loading, every waiting job) fails; the next job gets a new one. */
  private async fail(err: Error) {
    this.log(`the server-frame worker is replaced: ${err.message}`);
    const hadJob = this.running !== null;
    await this.retire(err);
    if (!hadJob) for (const p of this.waiting.splice(0)) p.reject(err);
    this.replaced++;
    this.pump();
  }

  private async retire(err: Error) {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const p = this.running;
    this.finish();
    p?.reject(err);
    const w = this.worker;
    this.worker = null;
    this.ready = false;
    if (w) await w.terminate().catch(() => undefined);
  }
}
