/**
 * The main thread's CPU time until the first table card is painted, for two builds of the web app, alternating:
 * a comparison that a busy machine disturbs less than the wall clock does (a task's thread time does not count the
 * time the thread waited for a core). Each load is a fresh context; Chromium's trace gives every top-level task's
 * thread duration (`tdur`) on the page's renderer main thread, summed from the navigation to a mark set in the
 * frame after the first card. "painted" is that mark's time (tracing adds its own cost to it).
 *
 *   BENCH_DB=… node --import tsx src/first-render-cpu.ts [loads=12] [compareDist] [webDist]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureBenchDatabase } from './db.ts';
import { launchSeatfold, startSeatfold } from './fixture.ts';

const loads = Number(process.argv[2] ?? 12);
const compareDist = process.argv[3] ? path.resolve(process.argv[3]) : null;
const webDist = path.resolve(process.argv[4] ?? fileURLToPath(new URL('../../apps/web/dist', import.meta.url)));
const ctx = { reps: 1, quick: true, profile: false, progress: (m: string) => console.log(m) };

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { startTime?: number } };
}

const markFrame = `(() => { const mo = new MutationObserver(() => { if (!document.querySelector('[data-testid="table-card"]')) return; mo.disconnect(); requestAnimationFrame(() => { window.__frame = performance.now(); performance.mark('fr-painted'); }); }); mo.observe(document, { childList: true, subtree: true }); })();`;

/** CPU ms of the page's renderer main thread, its top-level tasks from the navigation to the 'fr-painted' mark. */
function mainThreadCpu(events: TraceEvent[], dclMs: number): { cpu: number; beforeDcl: number; wall: number } {
  const mark = events.find((e) => e.name === 'fr-painted');
  const wall = mark?.args?.data?.startTime;
  if (!mark || wall === undefined) throw new Error('the trace lacks the fr-painted mark');
  // the mark's startTime counts from the navigation (performance.timeOrigin); trace times are microseconds
  const from = mark.ts - wall * 1000;
  const dcl = from + dclMs * 1000;
  let cpu = 0;
  let beforeDcl = 0;
  for (const e of events)
    if (e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.ts >= from && e.ts < mark.ts) {
      cpu += e.tdur ?? 0;
      if (e.ts < dcl) beforeDcl += e.tdur ?? 0;
    }
  return { cpu: cpu / 1000, beforeDcl: beforeDcl / 1000, wall };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

await ensureBenchDatabase();
const seat = await startSeatfold(ctx, { name: 'cpu', staticDir: webDist });
const other = compareDist ? await launchSeatfold(ctx, { name: 'cpu-compare', staticDir: compareDist }) : null;
const builds = [
  {
    label: path.basename(webDist),
    url: `http://127.0.0.1:${seat.port}/p/${seat.token}`,
    cpu: [] as number[],
    pre: [] as number[],
    wall: [] as number[],
  },
  ...(other
    ? [
        {
          label: path.basename(compareDist!),
          url: `http://127.0.0.1:${other.port}/p/${other.token}`,
          cpu: [] as number[],
          pre: [] as number[],
          wall: [] as number[],
        },
      ]
    : []),
];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (let i = 0; i <= loads; i++) {
    for (const b of i % 2 ? builds : [...builds].reverse()) {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.addInitScript({ content: markFrame });
      await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
      await page.goto(b.url, { waitUntil: 'commit' });
      await page.waitForFunction('window.__frame !== undefined', null, { timeout: 30_000 });
      const dclMs = await page.evaluate<number>(`performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd`);
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
      await context.close();
      if (i === 0) continue; // warms the servers
      const t = mainThreadCpu(trace.traceEvents, dclMs);
      b.cpu.push(t.cpu);
      b.pre.push(t.beforeDcl);
      b.wall.push(t.wall);
      console.log(
        `load ${i}/${loads} ${b.label}: main thread CPU ${t.cpu.toFixed(0)} ms (${t.beforeDcl.toFixed(0)} before DOMContentLoaded), painted at ${t.wall.toFixed(0)} ms`,
      );
    }
  }
} finally {
  await browser.close();
  await seat.stop();
  await other?.stop();
}
for (const b of builds)
  console.log(
    `${b.label}: main thread CPU until painted, median ${median(b.cpu).toFixed(0)} ms (${Math.min(...b.cpu).toFixed(0)}–${Math.max(...b.cpu).toFixed(0)}), before DOMContentLoaded ${median(b.pre).toFixed(0)}, after ${median(b.cpu.map((c, i) => c - b.pre[i]!)).toFixed(0)}; painted median ${median(b.wall).toFixed(0)} ms`,
  );
if (builds.length === 2) {
  const [a, c] = builds as [(typeof builds)[0], (typeof builds)[0]];
  console.log(`ratio per load (CPU): median ${median(a.cpu.map((x, i) => x / c.cpu[i]!)).toFixed(2)}`);
  console.log(`ratio per load (painted): median ${median(a.wall.map((x, i) => x / c.wall[i]!)).toFixed(2)}`);
}
