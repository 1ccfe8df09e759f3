/**
 * Where the floor plan's time goes: opens the big room of the floor-plan scenario in Chromium with a performance
 * trace on, runs the first draw and a wheel zoom, and prints the busiest trace events (main thread, self time) of each.
 *
 *   BENCH_DB=… node --import tsx src/scenarios/floor-trace.ts [webDist]
 *
 * On a shared machine wall times swing with the load; the main thread's CPU time (the trace's thread durations)
 * much less. `--cpu=N` compares builds that way, alternating them N times (a server per build):
 *
 *   BENCH_DB=… node --import tsx src/scenarios/floor-trace.ts --cpu=8 distA distB …
 *
 * `--from=imports` opens the Imports tab before the click on Rooms (the scenario starts from the Tables tab, whose
 * board of table cards is left mounted and hidden when the browser is next idle, ui/BoardPanels.tsx): what leaving
 * a big tab costs the draw.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { ensureBenchDatabase } from '../db.ts';
import { startSeatfold } from '../fixture.ts';
import { bigRoomCommands, openFloor } from './floor-plan.ts';

const cpuReps = Number(process.argv.find((a) => a.startsWith('--cpu='))?.slice('--cpu='.length) ?? 0);
const fromTab = process.argv.find((a) => a.startsWith('--from='))?.slice('--from='.length);
const dists = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const webDist = path.resolve(dists[0] ?? fileURLToPath(new URL('../../../apps/web/dist', import.meta.url)));
const ctx = { reps: 1, quick: true, profile: false, progress: (m: string) => console.log(m) };

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** thread (CPU) duration */
  tdur?: number;
  tid: number;
  args?: { data?: { functionName?: string; url?: string } };
}

const ms = (us: number) => `${(us / 1000).toFixed(1).padStart(8)} ms`;
const top = (m: Map<string, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);

/**
 * Self time (ms) by event name on the busiest thread, the top 15; then each main-thread task over 2 ms in order
 * (start after the first task, length, its three biggest self times): where the draw's time falls, task by task.
 */
function summarise(events: TraceEvent[], withTasks: boolean) {
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const byThread = new Map<number, number>();
  for (const e of complete) byThread.set(e.tid, (byThread.get(e.tid) ?? 0) + (e.name === 'RunTask' ? e.dur! : 0));
  const main = [...byThread.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mine = complete.filter((e) => e.tid === main).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const tasks: { ts: number; dur: number; self: Map<string, number> }[] = [];
  const stack: { end: number; name: string }[] = [];
  for (const e of mine) {
    while (stack.length && stack[stack.length - 1]!.end <= e.ts) stack.pop();
    if (e.name === 'RunTask' && stack.length === 0) tasks.push({ ts: e.ts, dur: e.dur!, self: new Map() });
    const task = tasks[tasks.length - 1];
    const parent = stack[stack.length - 1];
    const name = e.name === 'FunctionCall' && e.args?.data?.functionName ? `FunctionCall ${e.args.data.functionName}` : e.name;
    for (const m of task ? [self, task.self] : [self]) {
      if (parent) m.set(parent.name, (m.get(parent.name) ?? 0) - e.dur!);
      m.set(name, (m.get(name) ?? 0) + e.dur!);
    }
    stack.push({ end: e.ts + e.dur!, name });
  }
  const t0 = tasks[0]?.ts ?? 0;
  const timeline = tasks
    .filter((t) => t.dur > 2000)
    .map(
      (t) =>
        `  +${ms(t.ts - t0)
          .trim()
          .padStart(9)} ${ms(t.dur)}  ${top(t.self, 3)
          .map(([n, us]) => `${n} ${(us / 1000).toFixed(1)}`)
          .join(', ')}`,
    );
  return [...top(self, 15).map(([n, us]) => `${ms(us)}  ${n}`), ...(withTasks ? ['tasks over 2 ms:', ...timeline] : [])].join('\n');
}

async function traced(page: Page, label: string, script: string) {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8.execute'] });
  const out = await page.evaluate(script);
  const buf = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] };
  console.log(`\n== ${label}: ${JSON.stringify(out)}\n${summarise(traceEvents, label.startsWith('first'))}`);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** The first draw again under V8's sampling profiler: self time by function (build with `--minify false` for names). */
async function profiled(page: Page, label: string, script: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const out = await page.evaluate(script);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  // BENCH_TRACE_PROFILE_OUT=<prefix>: the profile itself too, as <prefix>-<label>.cpuprofile (for DevTools or a script).
  const saveTo = process.env.BENCH_TRACE_PROFILE_OUT;
  if (saveTo) writeFileSync(`${saveTo}-${label.replace(/\W+/g, '-')}.cpuprofile`, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, k) => {
    const f = byId.get(id)!.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber}`;
    if (f.functionName !== '(idle)' && f.functionName !== '(program)') self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[k] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(
    `\n== ${label}: ${JSON.stringify(out)}; JS ${(total / 1000).toFixed(1)} ms\n${top(self, 25)
      .map(([n, us]) => `${ms(us)}  ${n}`)
      .join('\n')}`,
  );
}

const FIRST_DRAW = `new Promise((resolve) => { const t0 = performance.now(); document.querySelector('[data-testid="tab-rooms"]').click(); const dom = document.querySelectorAll('[data-testid="floor-table"]').length ? performance.now() - t0 : null; const f = () => document.querySelectorAll('[data-testid="floor-table"]').length ? requestAnimationFrame(() => { const raf = performance.now() - t0; setTimeout(() => resolve({ dom, raf, done: performance.now() - t0 })); }) : requestAnimationFrame(f); f(); })`;

/** The main thread's busiest tasks' wall and CPU time in a trace (top-level tasks only), in ms. */
function mainThreadTime(events: TraceEvent[]) {
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.dur !== undefined);
  const byThread = new Map<number, TraceEvent[]>();
  for (const e of tasks) byThread.set(e.tid, [...(byThread.get(e.tid) ?? []), e]);
  const sum = (xs: TraceEvent[], f: (e: TraceEvent) => number) => xs.reduce((a, e) => a + f(e), 0);
  const main = [...byThread.values()].sort((a, b) => sum(b, (e) => e.dur!) - sum(a, (e) => e.dur!))[0] ?? [];
  // nested RunTasks (a task running a nested loop) would count twice: keep the outermost
  const outer = main.sort((a, b) => a.ts - b.ts).filter((e, i, xs) => !xs.slice(0, i).some((o) => o.ts + o.dur! >= e.ts + e.dur!));
  return { wall: sum(outer, (e) => e.dur!) / 1000, cpu: sum(outer, (e) => e.tdur ?? 0) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const spread = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

/** First draw of each build, alternating, `reps` times: wall (as the scenario measures it) and main-thread time. */
async function compareCpu(reps: number, builds: string[]) {
  const seats = await Promise.all(
    builds.map((d, i) => startSeatfold(ctx, { name: `floor-cpu-${i}`, commands: bigRoomCommands(), staticDir: path.resolve(d) })),
  );
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const got = builds.map(() => ({ draw: [] as number[], wall: [] as number[], cpu: [] as number[] }));
  try {
    for (let r = 0; r <= reps; r++) {
      const order = builds.map((_, i) => i);
      if (r % 2) order.reverse();
      for (const b of order) {
        const page = await (await browser.newContext()).newPage();
        await openFloor(page, `http://127.0.0.1:${seats[b]!.port}/p/${seats[b]!.token}`);
        if (fromTab) {
          await page.getByTestId(`tab-${fromTab}`).click();
          await page.waitForTimeout(1000);
        }
        await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] });
        const out = await page.evaluate<{ done: number }>(FIRST_DRAW);
        const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
        await page.context().close();
        if (r === 0) continue; // warms the server and the browser
        const t = mainThreadTime(traceEvents);
        got[b]!.draw.push(out.done);
        got[b]!.wall.push(t.wall);
        got[b]!.cpu.push(t.cpu);
        console.log(`rep ${r} ${builds[b]}: draw ${out.done.toFixed(0)} ms, main thread ${t.wall.toFixed(0)} ms busy, ${t.cpu.toFixed(0)} ms CPU`);
      }
    }
  } finally {
    await browser.close();
    await Promise.all(seats.map((s) => s.stop()));
  }
  console.log('\nbuild: first draw (wall) | main thread busy | main thread CPU — median (min–max), ms');
  builds.forEach((b, i) => console.log(`${b}: ${spread(got[i]!.draw)} | ${spread(got[i]!.wall)} | ${spread(got[i]!.cpu)}`));
}

await ensureBenchDatabase();
if (cpuReps > 0) {
  await compareCpu(cpuReps, dists);
  process.exit(0);
}
const seat = await startSeatfold(ctx, { name: 'floor-trace', commands: bigRoomCommands(), staticDir: webDist });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (let i = 0; i < 2; i++) {
    const page = await (await browser.newContext()).newPage();
    await openFloor(page, `http://127.0.0.1:${seat.port}/p/${seat.token}`);
    await traced(page, `first draw ${i} (dom: tables in the DOM when the click returned; raf: next frame began; done: after it)`, FIRST_DRAW);
    await traced(
      page,
      `zoom ${i}`,
      `new Promise((resolve) => { const svg = document.querySelector('[data-testid="floor-svg"]'); const r = svg.getBoundingClientRect(); let n = 0; const t = []; const step = (now) => { t.push(now); svg.dispatchEvent(new WheelEvent('wheel', { deltaY: Math.floor(n / 30) % 2 ? 50 : -50, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true, view: window })); if (++n < 120) requestAnimationFrame(step); else resolve(t.slice(1).map((x, i) => x - t[i]).sort((a, b) => a - b)[59]); }; requestAnimationFrame(step); })`,
    );
    await page.context().close();
    const again = await (await browser.newContext()).newPage();
    await openFloor(again, `http://127.0.0.1:${seat.port}/p/${seat.token}`);
    await profiled(again, `first draw ${i}, JS profile`, FIRST_DRAW);
    await again.context().close();
  }
} finally {
  await browser.close();
  await seat.stop();
}
