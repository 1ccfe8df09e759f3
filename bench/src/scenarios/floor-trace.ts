/**
 * Where the floor plan's time goes: opens the big room of the floor-plan scenario in Chromium with a performance
 * trace on, runs the first draw and a wheel zoom, and prints the busiest trace events (main thread, self time) of each.
 *
 *   BENCH_DB=… node --import tsx src/scenarios/floor-trace.ts [webDist]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { ensureBenchDatabase } from '../db.ts';
import { startSeatfold } from '../fixture.ts';
import { bigRoomCommands } from './floor-plan.ts';

const webDist = path.resolve(process.argv[2] ?? fileURLToPath(new URL('../../../apps/web/dist', import.meta.url)));
const ctx = { reps: 1, quick: true, profile: false, progress: (m: string) => console.log(m) };

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  args?: { data?: { functionName?: string; url?: string } };
}

/** Self time (ms) by event name on the busiest thread, the top 15. */
function summarise(events: TraceEvent[]) {
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const byThread = new Map<number, number>();
  for (const e of complete) byThread.set(e.tid, (byThread.get(e.tid) ?? 0) + (e.name === 'RunTask' ? e.dur! : 0));
  const main = [...byThread.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mine = complete.filter((e) => e.tid === main).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const e of mine) {
    while (stack.length && stack[stack.length - 1]!.end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur!);
    const name = e.name === 'FunctionCall' && e.args?.data?.functionName ? `FunctionCall ${e.args.data.functionName}` : e.name;
    self.set(name, (self.get(name) ?? 0) + e.dur!);
    stack.push({ end: e.ts + e.dur!, name });
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([n, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${n}`)
    .join('\n');
}

async function traced(page: Page, label: string, script: string) {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8.execute'] });
  const out = await page.evaluate(script);
  const buf = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] };
  console.log(`\n== ${label}: ${JSON.stringify(out)}\n${summarise(traceEvents)}`);
}

await ensureBenchDatabase();
const seat = await startSeatfold(ctx, { name: 'floor-trace', commands: bigRoomCommands(), staticDir: webDist });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (let i = 0; i < 2; i++) {
    const page = await (await browser.newContext()).newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`http://127.0.0.1:${seat.port}/p/${seat.token}`);
    await page.getByTestId('connection-status').filter({ hasText: 'Live' }).waitFor({ timeout: 60_000 });
    await traced(
      page,
      `first draw ${i}`,
      `new Promise((resolve) => { const t0 = performance.now(); document.querySelector('[data-testid="tab-rooms"]').click(); const f = () => document.querySelectorAll('[data-testid="floor-table"]').length ? requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0))) : requestAnimationFrame(f); f(); })`,
    );
    await traced(
      page,
      `zoom ${i}`,
      `new Promise((resolve) => { const svg = document.querySelector('[data-testid="floor-svg"]'); const r = svg.getBoundingClientRect(); let n = 0; const t = []; const step = (now) => { t.push(now); svg.dispatchEvent(new WheelEvent('wheel', { deltaY: Math.floor(n / 30) % 2 ? 50 : -50, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true, view: window })); if (++n < 120) requestAnimationFrame(step); else resolve(t.slice(1).map((x, i) => x - t[i]).sort((a, b) => a - b)[59]); }; requestAnimationFrame(step); })`,
    );
    await page.context().close();
  }
} finally {
  await browser.close();
  await seat.stop();
}
