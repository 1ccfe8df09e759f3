/**
 * Summarises V8 CPU profiles (node --cpu-prof) written by `pnpm bench --profile` into bench/results/profiles:
 * self time by function and by package, top entries first; and allocation profiles (`.heapprofile`, written with
 * BENCH_ALLOC_PROFILE=1, see alloc-profile.ts): bytes allocated by function and by package.
 *
 *   node --import tsx src/profile-summary.ts [file.cpuprofile|file.heapprofile ...]   (default: the newest CPU profile
 *   of a main thread)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resultsDir } from './fixture.ts';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  if (!url) return '(native)';
  const m = /node_modules\/\.pnpm\/([^/]+)\//.exec(url) ?? /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (m) return m[1]!.replace(/@\d.*$/, '');
  // The workspace's own code, wherever the checkout is (a worktree, a CI clone): packages/<x>, apps/<x> or bench.
  const ws = /\/((?:packages|apps)\/[^/]+|bench)\/src\//.exec(url);
  if (ws) return ws[1]!;
  if (url.startsWith('node:')) return 'node:internal';
  return path.basename(url);
}

interface HeapNode {
  callFrame: Node['callFrame'];
  selfSize: number;
  children: HeapNode[];
}

/** An allocation profile as a flat list of (call frame, bytes), the same shape summarise reads a CPU profile into. */
function allocations(file: string): { frames: [Node['callFrame'], number][]; unit: string } {
  const frames: [Node['callFrame'], number][] = [];
  const walk = (n: HeapNode) => {
    if (n.selfSize > 0) frames.push([n.callFrame, n.selfSize]);
    n.children.forEach(walk);
  };
  walk((JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode }).head);
  return { frames, unit: 'bytes' };
}

function cpuSamples(file: string): { frames: [Node['callFrame'], number][]; unit: string } {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  return { frames: [...self].map(([id, us]) => [byId.get(id)!.callFrame, us]), unit: 'us' };
}

export function summarise(file: string, top = 25): string {
  const { frames, unit } = file.endsWith('.heapprofile') ? allocations(file) : cpuSamples(file);
  const total = frames.reduce((a, [, v]) => a + v, 0);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  for (const [{ functionName, url, lineNumber }, v] of frames) {
    const key = `${functionName || '(anonymous)'}  ${where(url)}${url ? `:${path.basename(url)}:${lineNumber + 1}` : ''}`;
    fn.set(key, (fn.get(key) ?? 0) + v);
    pkg.set(where(url), (pkg.get(where(url)) ?? 0) + v);
  }
  const amount = (v: number) => (unit === 'us' ? `${(v / 1000).toFixed(0).padStart(6)} ms` : `${(v / 2 ** 20).toFixed(1).padStart(6)} MB`);
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${amount(v)}  ${k}`)
      .join('\n');
  const what = unit === 'us' ? 'sampled' : 'allocated (sampled)';
  return `${path.basename(file)}: ${amount(total).trim()} ${what}\nby package:\n${list(pkg)}\nby function (self):\n${list(fn)}`;
}

const dir = path.join(resultsDir, 'profiles');
const files = process.argv.slice(2);
if (files.length === 0) {
  // a server's main thread: Node names its profile CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile, in the server's folder
  const newest = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.cpuprofile') && !/\.\d+\.[1-9]\d*\.\d+\.cpuprofile$/.test(f))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (newest) files.push(newest);
}
for (const f of files) console.log(summarise(f));
