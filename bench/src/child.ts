import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildServerChild } from './build-child.ts';

const source = fileURLToPath(new URL('./server-child.ts', import.meta.url));
/**
 * The child as it runs: compiled (build-child.ts), built once by the first child this process starts;
 * BENCH_CHILD=tsx runs its sources through tsx instead (to compare).
 */
let script: Promise<{ file: string; execArgv: string[] }> | null = null;
const childScript = () =>
  (script ??=
    process.env.BENCH_CHILD === 'tsx'
      ? Promise.resolve({ file: source, execArgv: ['--import', 'tsx'] })
      : buildServerChild().then((file) => ({ file, execArgv: ['--enable-source-maps'] })));

/** A bench child process (see server-child.ts), spoken to over IPC with numbered requests. */
export class Child {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly exited: Promise<number | null>;

  private constructor(private readonly proc: ChildProcess) {
    proc.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.ok) w.resolve(m.value);
      else w.reject(new Error(m.error));
    });
    this.exited = new Promise((resolve) => {
      proc.once('exit', (code) => {
        for (const w of this.waiting.values()) w.reject(new Error(`bench child exited with ${code}`));
        this.waiting.clear();
        resolve(code);
      });
    });
  }

  /** Starts server-child.ts in `mode`; extra node flags (e.g. --cpu-prof) go in `nodeArgs`. */
  static async start(
    mode: string,
    args: Record<string, unknown> = {},
    nodeArgs: string[] = [],
  ): Promise<{ child: Child; ready: Record<string, unknown> }> {
    const { file, execArgv } = await childScript();
    const proc = fork(file, [mode, JSON.stringify(args)], {
      execArgv: [...nodeArgs, ...execArgv],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child = new Child(proc);
    const ready = await child.request<Record<string, unknown>>('ready');
    return { child, ready };
  }

  request<T = unknown>(type: string, payload: unknown = null, timeoutMs = 120_000): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`bench child: '${type}' timed out`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.proc.send({ id, type, payload });
    });
  }

  /** Asks the child to close cleanly (it writes its CPU profile then), killing it if it does not within 10 s. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    await this.request('stop', null, 10_000).catch(() => undefined);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
