/**
 * What one step of the timeline's scrubber costs the page: the demo plan with `changes` single-guest changes made by
 * 10 organisers after it, opened on its review link in Chromium with the timeline open; the scrubber then steps back
 * one change at a time and forward again (its keyboard handler: a drag's pointer moves end in the same dispatch). Each step's
 * time runs from the event's dispatch to a task after the next frame (the board drawn). Prints the median and p95 of the steps, and with a profile (default) the page's self
 * time by function over all steps.
 *
 *   BENCH_DB=… node --import tsx src/scrub-trace.ts [steps=40] [changes=300] [webDist]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { openClients } from './clients.ts';
import { ensureBenchDatabase } from './db.ts';
import { startSeatfold } from './fixture.ts';
import { laneCommand } from './workload.ts';
import { pageSelfTimes, type PageProfile } from './page-profile.ts';

const steps = Number(process.argv[2] ?? 40);
const changes = Number(process.argv[3] ?? 300);
const webDist = path.resolve(process.argv[4] ?? fileURLToPath(new URL('../../apps/web/dist', import.meta.url)));
const profiling = process.env.BENCH_TRACE_PROFILE !== '0';

await ensureBenchDatabase();
const ctx = { reps: 1, quick: true, profile: false, progress: (m: string) => console.log(m) };
const seat = await startSeatfold(ctx, { name: 'scrub', staticDir: webDist });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const clients = await openClients(seat.port, seat.token, 10, 'organiser-');
  const lanes = seat.lanes(clients.length);
  for (let i = 0; i < changes; i++) {
    const k = i % clients.length;
    await clients[k]!.command(laneCommand(lanes[k]!));
    lanes[k]!.step++;
  }
  for (const c of clients) c.close();

  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(`http://127.0.0.1:${seat.port}/p/${seat.reviewToken}`);
  await page.getByTestId('history-toggle').click();
  const scrubber = page.getByTestId('scrubber');
  await scrubber.waitFor();
  // the whole history read (it arrives in pages)
  await page.waitForFunction(
    (changes) => Number(document.querySelector('[data-testid="scrubber"]')?.getAttribute('data-steps')) >= changes,
    changes,
    { timeout: 60_000 },
  );
  await scrubber.focus();
  // Into the past once, and a few warm-up steps: the first step builds what later steps reuse.
  const step = (n: number, key = 'ArrowLeft') =>
    page.evaluate(
      async ([n, key]) => {
        const el = document.querySelector<HTMLElement>('[data-testid="scrubber"]')!;
        const times: number[] = [];
        const from = el.getAttribute('aria-valuenow');
        for (let i = 0; i < n; i++) {
          // stepped at a frame's start, as a drag steps (Scrubber's pointer moves are taken up in an animation frame)
          await new Promise((r) => requestAnimationFrame(r));
          const t0 = performance.now();
          el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
          // until the frame after it has been drawn: the next frame's callback, then a task after its paint
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          times.push(performance.now() - t0);
        }
        return { times, from, to: el.getAttribute('aria-valuenow') };
      },
      [n, key] as const,
    );
  await step(5);
  const cdp = await page.context().newCDPSession(page);
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // BENCH_TRACE_EVENTS=1: Chromium's own trace of the steps as well, summed by event (style, layout, paint…)
  const tracing = process.env.BENCH_TRACE_EVENTS === '1';
  if (tracing) await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink', 'v8.execute'] });
  const back = await step(steps);
  const ahead = await step(steps, 'ArrowRight');
  console.log(`position ${back.from} → ${back.to} → ${ahead.to}`);
  for (const [what, run] of [
    ['back', back],
    ['forward', ahead],
  ] as const) {
    const t = [...run.times].sort((a, b) => a - b);
    const at = (q: number) => t[Math.min(t.length - 1, Math.floor(t.length * q))]!.toFixed(1);
    console.log(`${steps} steps ${what} through ${changes} changes: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
  }
  if (tracing) {
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { name: string; ph: string; dur?: number; tid: number }[] };
    const main = new Map<number, number>();
    for (const e of trace.traceEvents) if (e.name === 'FunctionCall' || e.name === 'Layout') main.set(e.tid, (main.get(e.tid) ?? 0) + 1);
    const tid = [...main].sort((a, b) => b[1] - a[1])[0]?.[0];
    const byName = new Map<string, number>();
    for (const e of trace.traceEvents) if (e.tid === tid && e.ph === 'X' && e.dur) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
    console.log('trace, renderer main thread, ms a step (complete events; nested ones count in their parents too):');
    for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(v / (2 * steps)).toFixed(2).padStart(8)}  ${k}`);
  }
  if (profiling) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: PageProfile };
    if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify(profile));
    const { busy, rows } = pageSelfTimes([profile]);
    console.log(`profile: ${busy.toFixed(0)} ms busy over ${2 * steps} steps; self time by function:`);
    for (const [k, v] of rows.slice(0, 25)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
  }
} finally {
  await browser.close();
  await seat.stop();
}
