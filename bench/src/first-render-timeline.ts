/**
 * The first render's main thread, task by task: loads the demo plan in Chromium (fresh context each time) with
 * Chromium's own tracing on, and prints per load the milestones, when each request went out and finished, and every
 * main-thread task of 3 ms or more up to the frame that paints the app's own first table card, with what ran inside it
 * (module evaluation, a React task, style and layout, paint). On a loaded machine a sampling CPU profile
 * (first-render-trace.ts) charges the time the renderer waits for a core to whatever function it was in; a task's
 * start and length stay honest.
 *
 *   BENCH_DB=… node --import tsx src/first-render-timeline.ts [loads=2] [webDist]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forEachDemoLoad } from './demo-loads.ts';

const loads = Number(process.argv[2] ?? 2);
const webDist = path.resolve(process.argv[3] ?? fileURLToPath(new URL('../../apps/web/dist', import.meta.url)));

/** A Chromium trace event (the fields read here). */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** microseconds */
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { url?: string; requestId?: string; documentLoaderURL?: string; functionName?: string } };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink.user_timing', 'loading'];
/**
 * Marks the first table card in the DOM ('served': the server frame's, when there is one), then the app's own first
 * card ('card', the root no longer the server's frame) and the frame after it ('frame').
 */
const observeFirstCard = `(() => { let served = false; const mo = new MutationObserver(() => { if (!document.querySelector('[data-testid="table-card"]')) return; if (!served) { served = true; performance.mark('served'); } if (document.getElementById('root').hasAttribute('data-server-frame')) return; mo.disconnect(); performance.mark('card'); requestAnimationFrame(() => { performance.mark('frame'); window.__frame = true; }); }); mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-server-frame'] }); })();`;
const MILESTONES = new Set(['firstContentfulPaint', 'served', 'card', 'frame']);
const RESOURCES = new Set(['ResourceSendRequest', 'ResourceFinish']);

const file = (url: string | undefined) => (url ? url.replace(/^.*\//, '') : '');

await forEachDemoLoad('timeline', webDist, loads, async (i, { page, cdp, url }) => {
  const events: TraceEvent[] = [];
  // CDP types the events as string maps; they carry numbers and objects too
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: CATEGORIES.join(','), transferMode: 'ReportEvents' });
  await page.addInitScript({ content: observeFirstCard });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction('window.__frame === true', null, { timeout: 30_000 });
  await page.waitForTimeout(100); // the frame's paint
  const dcl = await page.evaluate<number>(`performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd`);
  await cdp.send('Tracing.end');
  await complete;
  if (i === 0) return; // warms the server

  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.includes('/p/'));
  const main = nav && events.find((e) => e.name === 'thread_name' && e.pid === nav.pid && e.args?.name === 'CrRendererMain');
  if (!nav || !main) {
    console.log(`\nload ${i}: no renderer main thread in the trace`);
    return;
  }
  const at = (ts: number) => ((ts - nav.ts) / 1000).toFixed(1);
  const ofPage = events.filter((e) => e.pid === nav.pid && e.ts >= nav.ts).sort((a, b) => a.ts - b.ts);
  const frameAt = ofPage.find((e) => e.name === 'frame')?.ts ?? Infinity;
  const milestones = ofPage.filter((e) => MILESTONES.has(e.name)).map((e) => `${e.name} ${at(e.ts)}`);
  console.log(`\nload ${i}: DOMContentLoaded ${dcl.toFixed(1)}, ${milestones.join(', ')}`);
  const urls = new Map<string, string>();
  for (const e of ofPage.filter((x) => RESOURCES.has(x.name))) {
    const id = e.args?.data?.requestId ?? '';
    if (e.name === 'ResourceSendRequest') urls.set(id, file(e.args?.data?.url));
    console.log(`  ${at(e.ts).padStart(7)}  ${e.name === 'ResourceSendRequest' ? 'sent    ' : 'finished'} ${urls.get(id) ?? ''}`);
  }
  const onMain = ofPage.filter((e) => e.tid === main.tid && e.ph === 'X');
  for (const task of onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')) {
    if (task.ts > frameAt) break;
    const end = task.ts + (task.dur ?? 0);
    if ((task.dur ?? 0) < 3000) continue;
    const inside = onMain
      .filter((e) => e !== task && e.name !== 'RunTask' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) >= 1500)
      .filter((e) => !e.name.startsWith('V8.GC_') && !e.name.startsWith('DocumentLoader::') && !e.name.includes('DataPipe'))
      .slice(0, 10)
      .map((e) => {
        const what = file(e.args?.data?.url) || e.args?.data?.functionName || '';
        return `${e.name}${what ? `(${what})` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`;
      });
    console.log(`  ${at(task.ts).padStart(7)}  task ${((task.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms  ${inside.join(', ')}`);
  }
});
