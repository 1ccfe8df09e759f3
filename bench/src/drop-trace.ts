/**
 * What a keyboard drop costs the page: the demo plan on its organiser link in Chromium; a guest row of the Unseated
 * list is picked up (Space), carried onto a table with a free seat (focus) and dropped (Enter), `drops` times. For each drop it
 * records the longest task from the Enter to the frame after the seat shows (PerformanceObserver 'longtask'), and
 * the time to that frame; with a CPU profile of those
 * stretches (self time by function; BENCH_TRACE_OUT=file keeps the last drop's).
 *
 *   BENCH_DB=… node --import tsx src/drop-trace.ts [drops=8] [webDist]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureBenchDatabase } from './db.ts';
import { startSeatfold } from './fixture.ts';
import { pageSelfTimes, type PageProfile } from './page-profile.ts';

const drops = Number(process.argv[2] ?? 8);
const webDist = path.resolve(process.argv[3] ?? fileURLToPath(new URL('../../apps/web/dist', import.meta.url)));

await ensureBenchDatabase();
const ctx = { reps: 1, quick: true, profile: false, progress: (m: string) => console.log(m) };
const seat = await startSeatfold(ctx, { name: 'drop-trace', staticDir: webDist });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('seatfold:userName', 'Bench'));
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${seat.port}/p/${seat.token}`);
  await page.getByTestId('guest-row').first().waitFor();
  await page.getByTestId('filter-unseated').click();
  await page.waitForTimeout(1000);
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const profiles: PageProfile[] = [];
  const longest: number[] = [];
  const busy: number[] = [];
  const shown: number[] = [];
  for (let i = 0; i < drops; i++) {
    const row = page.getByTestId('guest-row').first();
    const id = await row.getAttribute('data-guest-id');
    await row.focus();
    await page.keyboard.press('Space');
    // onto a table with a free seat, not locked (focus moves the keyboard drag over it)
    const tableId = await page.evaluate(() => {
      for (const card of Array.from(document.querySelectorAll<HTMLElement>('[data-testid="table-card"]'))) {
        const [n, of] = (card.querySelector('[data-testid="seat-count"]')?.textContent ?? '').split('/').map(Number);
        if (card.dataset.locked !== 'true' && n! < of!) return card.dataset.tableId!;
      }
      throw new Error('no table with a free seat');
    });
    await page.locator(`[data-testid="table-card"][data-table-id="${tableId}"]`).focus();
    await page.waitForTimeout(300);
    await cdp.send('Profiler.start');
    // BENCH_TRACE_EVENTS=1: Chromium's own trace of each drop as well: the main thread's busy time; for the last drop
    // summed by event (style, layout, paint…) and the longest task's contents
    const tracing = process.env.BENCH_TRACE_EVENTS === '1';
    if (tracing) await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink', 'v8.execute'] });
    await page.evaluate(() => void ((window as unknown as { __longest: number }).__longest = 0));
    const t0 = Date.now();
    await page.keyboard.press('Enter');
    // seated: the row leaves the Unseated list
    await page.waitForFunction((id) => !document.querySelector(`[data-testid="guest-row"][data-guest-id="${id}"]`), id);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    shown.push(Date.now() - t0);
    if (tracing) {
      const trace = JSON.parse((await browser.stopTracing()).toString()) as {
        traceEvents: { name: string; ph: string; dur?: number; tid: number }[];
      };
      const main = new Map<number, number>();
      for (const e of trace.traceEvents) if (e.name === 'FunctionCall' || e.name === 'Layout') main.set(e.tid, (main.get(e.tid) ?? 0) + 1);
      const tid = [...main].sort((a, b) => b[1] - a[1])[0]?.[0];
      const byName = new Map<string, number>();
      for (const e of trace.traceEvents) if (e.tid === tid && e.ph === 'X' && e.dur) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
      const events = trace.traceEvents as { name: string; ph: string; dur?: number; tid: number; ts: number }[];
      const tasks = events.filter((e) => e.tid === tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
      busy.push(tasks.reduce((a, e) => a + (e.dur ?? 0) / 1000, 0));
      const lastDrop = i === drops - 1;
      if (lastDrop) console.log('trace of the last drop, renderer main thread, ms (complete events; nested ones count in their parents too):');
      if (lastDrop) for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 22)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
      // the longest task, and what ran inside it
      const top = [...tasks].sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
      if (top && lastDrop) {
        const inside = new Map<string, number>();
        for (const e of events)
          if (e.tid === tid && e.ph === 'X' && e.dur && e !== top && e.ts >= top.ts && e.ts + e.dur <= top.ts + top.dur!)
            inside.set(e.name, (inside.get(e.name) ?? 0) + e.dur / 1000);
        console.log(`longest task ${(top.dur! / 1000).toFixed(1)} ms; inside it:`);
        for (const [k, v] of [...inside].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
      }
    }
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: PageProfile };
    profiles.push(profile);
    await page.waitForTimeout(400);
    longest.push(await page.evaluate(() => (window as unknown as { __longest: number }).__longest));
  }
  // the last drop's profile kept whole, for a call tree
  if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify(profiles.at(-1)));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
  if (busy.length)
    console.log(`main thread busy from each Enter to the seat shown: median ${median(busy)} ms (${busy.map((x) => x.toFixed(0)).join(' ')})`);
  console.log(
    `${drops} keyboard drops: longest task median ${median(longest)} ms (${longest.map((x) => x.toFixed(0)).join(' ')}); to the seat shown median ${median(shown)} ms`,
  );
  const self = pageSelfTimes(profiles);
  const rows = self.rows;
  console.log(`profile: ${self.busy.toFixed(0)} ms busy from the Enters to the seats shown; self time by function:`);
  for (const [k, v] of rows.slice(0, 25)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
} finally {
  await browser.close();
  await seat.stop();
}
