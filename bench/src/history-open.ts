/**
 * What opening the timeline costs a reviewer: the demo plan on its review link in Chromium, board drawn, then a
 * click on History; times from the click to the scrubber shown and to the whole history read (its pages in), each
 * load in a fresh page, with a CPU profile of the last open (self time by function; BENCH_TRACE_OUT=file keeps it).
 *
 *   BENCH_DB=… node --import tsx src/history-open.ts [loads=5] [webDist]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureBenchDatabase } from './db.ts';
import { startSeatfold } from './fixture.ts';
import { pageSelfTimes, type PageProfile } from './page-profile.ts';

const loads = Number(process.argv[2] ?? 5);
const webDist = path.resolve(process.argv[3] ?? fileURLToPath(new URL('../../apps/web/dist', import.meta.url)));

await ensureBenchDatabase();
const ctx = { reps: 1, quick: true, profile: false, progress: (m: string) => console.log(m) };
const seat = await startSeatfold(ctx, { name: 'history-open', staticDir: webDist });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const shown: number[] = [];
  const read: number[] = [];
  for (let i = 0; i < loads; i++) {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(`http://127.0.0.1:${seat.port}/p/${seat.reviewToken}`);
    await page.getByTestId('history-toggle').waitFor();
    await page.waitForTimeout(500);
    const cdp = await page.context().newCDPSession(page);
    const last = i === loads - 1;
    if (last) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      // BENCH_TRACE_EVENTS=1: Chromium's own trace of the open as well, summed by event (style, layout, paint…)
      if (process.env.BENCH_TRACE_EVENTS === '1')
        await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink', 'v8.execute', 'v8'] });
    }
    // timed in the page: from the click's dispatch to a task after the frame that shows each
    const times = await page.evaluate(async () => {
      const t0 = performance.now();
      document.querySelector<HTMLElement>('[data-testid="history-toggle"]')!.click();
      let scrubberAt = NaN;
      for (;;) {
        // (written out, not a named helper: tsx would wrap a named function in a helper the page does not have)
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const s = document.querySelector('[data-testid="scrubber"]');
        if (s && Number.isNaN(scrubberAt)) scrubberAt = performance.now() - t0;
        // read whole: the header's count replaces its loading status
        if (s && document.querySelector('[data-testid="history-count"]'))
          return { scrubberAt, readAt: performance.now() - t0, steps: Number(s.getAttribute('data-steps')) };
        if (performance.now() - t0 > 60_000) throw new Error('history not read in 60 s');
      }
    });
    shown.push(times.scrubberAt);
    read.push(times.readAt);
    console.log(`load ${i + 1}: scrubber shown ${times.scrubberAt.toFixed(0)} ms, history read ${times.readAt.toFixed(0)} ms (${times.steps} steps)`);
    if (last && process.env.BENCH_TRACE_EVENTS === '1') {
      const trace = JSON.parse((await browser.stopTracing()).toString()) as {
        traceEvents: { name: string; ph: string; dur?: number; tid: number }[];
      };
      const main = new Map<number, number>();
      for (const e of trace.traceEvents) if (e.name === 'FunctionCall' || e.name === 'Layout') main.set(e.tid, (main.get(e.tid) ?? 0) + 1);
      const tid = [...main].sort((a, b) => b[1] - a[1])[0]?.[0];
      const byName = new Map<string, number>();
      for (const e of trace.traceEvents) if (e.tid === tid && e.ph === 'X' && e.dur) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
      console.log('trace of the last open, renderer main thread, ms (complete events; nested ones count in their parents too):');
      for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
    }
    if (last) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: PageProfile };
      if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify(profile));
      const { busy, rows } = pageSelfTimes([profile]);
      console.log(`profile of the last open: ${busy.toFixed(0)} ms busy; self time by function:`);
      for (const [k, v] of rows.slice(0, 30)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
    }
    await page.context().close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
  console.log(`median of ${loads}: scrubber shown ${median(shown)} ms, history read ${median(read)} ms`);
} finally {
  await browser.close();
  await seat.stop();
}
