/**
 * Where the first render's time goes: loads the demo plan in Chromium (fresh context each time) with the CPU
 * profiler on, and prints the page's milestones and its self time by script, by function and by source line (the
 * lines show what a module's top level spends: e.g. a page's first Intl.NumberFormat, ~20 ms).
 *
 *   BENCH_DB=… [BENCH_TRACE_PROFILE=0] node --import tsx src/first-render-trace.ts [loads=3] [webDist]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forEachDemoLoad } from './demo-loads.ts';

const loads = Number(process.argv[2] ?? 3);
const webDist = path.resolve(process.argv[3] ?? fileURLToPath(new URL('../../apps/web/dist', import.meta.url)));
/** BENCH_TRACE_PROFILE=0: milestones only, without the profiler's own cost in them. */
const profiling = process.env.BENCH_TRACE_PROFILE !== '0';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  /** self samples by source line (1-based) */
  positionTicks?: { line: number; ticks: number }[];
}

/** A line of a served script, shortened, to print beside its time. */
function sourceLine(file: string, line: number): string {
  try {
    return (readFileSync(path.join(webDist, 'assets', file), 'utf8').split('\n')[line - 1] ?? '').trim().slice(0, 100);
  } catch {
    return '';
  }
}

await forEachDemoLoad('trace', webDist, loads, async (i, { page, cdp, url }) => {
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // The socket's milestones (resource timing does not list a WebSocket): CDP's network clock, in seconds,
  // made relative to the document's request (≈ navigation start).
  await cdp.send('Network.enable');
  let docAt: number | null = null;
  const ws: string[] = [];
  let joinReplyAt: number | null = null;
  const at = (ts: number) => (docAt === null ? NaN : Math.round((ts - docAt) * 1000));
  let sessionId: string | null = null;
  cdp.on('Network.requestWillBeSent', (e: { type?: string; timestamp: number; requestId: string; request: { url: string } }) => {
    if (e.type === 'Document' && docAt === null) docAt = e.timestamp;
    if (e.request.url.endsWith('/api/session')) sessionId ??= e.requestId;
  });
  // The session's answer carries the plan's state on a plan link: from then on the page can draw the plan.
  cdp.on('Network.loadingFinished', (e: { requestId: string; timestamp: number; encodedDataLength: number }) => {
    if (e.requestId !== sessionId || e.encodedDataLength < 10_000) return;
    ws.push(`session answer with the plan (${Math.round(e.encodedDataLength / 1000)} kB) ${at(e.timestamp)}`);
    joinReplyAt ??= e.timestamp;
  });
  cdp.on('Network.webSocketWillSendHandshakeRequest', (e: { timestamp: number }) => ws.push(`socket opened ${at(e.timestamp)}`));
  cdp.on('Network.webSocketFrameSent', (e: { timestamp: number; response: { payloadData: string } }) => {
    if (e.response.payloadData.includes('"join"')) ws.push(`join sent ${at(e.timestamp)}`);
  });
  cdp.on('Network.webSocketFrameReceived', (e: { timestamp: number; response: { payloadData: string } }) => {
    const n = e.response.payloadData.length;
    if (n > 10_000) ws.push(`join reply (${Math.round(n / 1000)} kB) ${at(e.timestamp)}`);
    if (n > 10_000) joinReplyAt ??= e.timestamp;
  });
  await page.addInitScript({
    content: `(() => { const mo = new MutationObserver(() => { if (document.querySelector('[data-testid="table-card"]')) { mo.disconnect(); window.__card = performance.now(); requestAnimationFrame(() => { window.__frame = performance.now(); }); } }); mo.observe(document, { childList: true, subtree: true }); })();`,
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction('window.__frame !== undefined', null, { timeout: 30_000 });
  const profile = profiling
    ? (
        (await cdp.send('Profiler.stop')) as {
          profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };
        }
      ).profile
    : null;
  const t = await page.evaluate<{
    responseEnd: number;
    dcl: number;
    card: number;
    frame: number;
    res: [string, number, number, number][];
  }>(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map((r) => [r.name.replace(/^.*\\//, '').slice(0, 40), Math.round(r.startTime), Math.round(r.responseEnd), r.transferSize]);
    return { responseEnd: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, card: window.__card, frame: window.__frame, res };
  })()`);
  if (i === 0) return;
  console.log(
    `\nload ${i}: html ${t.responseEnd.toFixed(0)} ms, DCL ${t.dcl.toFixed(0)}, card in DOM ${t.card.toFixed(0)}, painted ${t.frame.toFixed(0)}`,
  );
  console.log(`  ${ws.join(', ')}`);
  for (const r of t.res) console.log(`  ${r[0].padEnd(42)} ${String(r[1]).padStart(5)}–${String(r[2]).padEnd(5)} ${r[3]} B`);
  if (!profile) return;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const afterJoin = new Map<string, number>();
  const byScript = new Map<string, number>();
  const selfById = new Map<number, number>();
  // The profiler's clock is CDP's monotonic one (microseconds), the network events' too (seconds).
  let clock = profile.startTime;
  profile.samples.forEach((id, k) => {
    const n = byId.get(id)!;
    const dt = (profile.timeDeltas[k] ?? 0) / 1000;
    clock += profile.timeDeltas[k] ?? 0;
    const file = n.callFrame.url.replace(/^.*\//, '') || `(${n.callFrame.functionName || 'native'})`;
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber}`;
    self.set(fn, (self.get(fn) ?? 0) + dt);
    byScript.set(file, (byScript.get(file) ?? 0) + dt);
    selfById.set(id, (selfById.get(id) ?? 0) + dt);
    if (joinReplyAt !== null && clock / 1e6 >= joinReplyAt) afterJoin.set(fn, (afterJoin.get(fn) ?? 0) + dt);
  });
  // A function's self time shared out over its lines by their share of its ticks.
  const byLine = new Map<string, number>();
  for (const n of profile.nodes) {
    const ms = selfById.get(n.id);
    const file = n.callFrame.url.replace(/^.*\//, '');
    const ticks = n.positionTicks?.reduce((a, t) => a + t.ticks, 0) ?? 0;
    if (!ms || !file || !ticks) continue;
    for (const t of n.positionTicks!) {
      const key = `${file}:${t.line}`;
      byLine.set(key, (byLine.get(key) ?? 0) + (ms * t.ticks) / ticks);
    }
  }
  const lines = [...byLine]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([at, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${at}  ${sourceLine(at.split(':')[0]!, Number(at.split(':')[1]))}`)
    .join('\n');
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([f, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${f}`)
      .join('\n');
  console.log(
    `self time by script:\n${top(byScript, 8)}\nby function:\n${top(self, 15)}\nby line (a non-minified build reads best):\n${lines}\nafter the plan arrived (join reply or session answer):\n${top(afterJoin, 15)}`,
  );
});
