import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../e2e/chromium.ts';
import { chromium } from 'playwright-core';
import { launchSeatfold, startSeatfold } from '../fixture.ts';
import type { Scenario } from '../scenario.ts';
import { pageHeaders, scriptless, serveStaticPage } from '../static-page.ts';

/** The built web app; BENCH_WEB_DIST may point at another build of it. */
const webDist = path.resolve(process.env.BENCH_WEB_DIST ?? fileURLToPath(new URL('../../../apps/web/dist', import.meta.url)));

/**
 * Records, inside the page, when the first table card enters the DOM and the next animation frame after it (so
 * it has been laid out and painted) — the server frame or the app's own — and the same for the app's own
 * board (the root no longer marked as the server's frame: live and interactive). All are performance.now():
 * milliseconds since the navigation started. A string, not a function: tsx would add its own helpers to a
 * function's source, which the page lacks.
 */
const observeFirstCard = `
  (() => {
    const card = () => document.querySelector('[data-testid="table-card"]');
    const mark = (name) => {
      window[name] = performance.now();
      requestAnimationFrame(() => { window[name + 'Frame'] = performance.now(); });
    };
    const seen = () => {
      if (window.__firstCard === undefined && card()) mark('__firstCard');
      const root = document.getElementById('root');
      if (window.__appCard === undefined && root && !root.hasAttribute('data-server-frame') && card()) mark('__appCard');
      return window.__appCard !== undefined;
    };
    const mo = new MutationObserver(() => { if (seen()) mo.disconnect(); });
    mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-server-frame'] });
  })();
`;

const readTimes = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return { dom: window.__firstCard, frame: window.__firstCardFrame, app: window.__appCardFrame, dcl: nav ? nav.domContentLoadedEventEnd : NaN };
})()`;

/**
 * Another build to compare with, alternating in the same run (e.g. the build before a change). Without one, the
 * same build is compared with itself served without its server frame.
 */
const compareDist = process.env.BENCH_WEB_DIST_COMPARE ? path.resolve(process.env.BENCH_WEB_DIST_COMPARE) : null;

const FLOOR_LABEL = 'the same page as a file without its scripts';

/**
 * The plan page with its server frame, as a first visit gets it. The frame worker starts with the first plan page
 * (which is then served plain), so this asks until the frame is in, for at most 10 s; null if it never is.
 */
async function framedPage(url: string): Promise<{ html: string; headers: Record<string, string> } | null> {
  for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
    const res = await fetch(url);
    const html = await res.text();
    if (html.includes('data-server-frame')) return { html, headers: pageHeaders(res.headers) };
  }
  return null;
}

interface Times {
  dom: number[];
  frame: number[];
  /** the app's own board painted (after the server's frame, when there was one) */
  app: number[];
  dcl: number[];
}

/** First render of the 1,500-guest demo plan in Chromium, served by the real server from the built web app. */
export const firstRender: Scenario = {
  id: 'first-render',
  title: 'First render of the 1,500-guest demo plan in Chromium',
  async run(ctx, r) {
    if (!existsSync(path.join(webDist, 'index.html')))
      return r.notRun(`${path.relative(process.cwd(), webDist)}/index.html is missing (the web app is not built)`);
    if (!existsSync(CHROMIUM_PATH)) return r.notRun(`${CHROMIUM_PATH} is missing`);
    // Loads per build: 6 by default (3 with --quick); --reps above 6 asks for more (a loaded machine needs them).
    const reps = ctx.quick ? 3 : Math.max(6, ctx.reps);
    /** `live`: the app starts in it (the floor's page has no scripts: only its first card is waited for) */
    const builds: { label: string; dist: string; url: string; live: boolean; stop: () => Promise<void>; t: Times }[] = [];
    const seat = await startSeatfold(ctx, { name: 'first-render', staticDir: webDist, serverFrames: true });
    builds.push({
      label: 'this build',
      dist: webDist,
      url: `http://127.0.0.1:${seat.port}/p/${seat.token}`,
      live: true,
      stop: () => seat.stop(),
      t: { dom: [], frame: [], app: [], dcl: [] },
    });
    // Beside it, alternating: the compared build, or this one served without its server frame.
    const compared = compareDist && existsSync(path.join(compareDist, 'index.html')) ? compareDist : null;
    const label = compared ? `compared build (${path.basename(compared)})` : 'without the server frame';
    const other = await launchSeatfold(ctx, { name: 'first-render-compare', staticDir: compared ?? webDist, serverFrames: compared !== null });
    builds.push({
      label,
      dist: compared ?? webDist,
      url: `http://127.0.0.1:${other.port}/p/${other.token}`,
      live: true,
      stop: () => other.stop(),
      t: { dom: [], frame: [], app: [], dcl: [] },
    });
    // The floor, also alternating: this build's page with its frame, as the server sent it, minus its scripts.
    const framed = await framedPage(builds[0]!.url);
    if (framed) {
      const floor = await serveStaticPage(scriptless(framed.html), webDist, framed.headers);
      builds.push({
        label: 'the floor',
        dist: webDist,
        url: floor.url,
        live: false,
        stop: () => floor.stop(),
        t: { dom: [], frame: [], app: [], dcl: [] },
      });
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      for (let i = 0; i <= reps; i++) {
        // Alternating builds, a new context each time: no HTTP cache, no storage, as on a first visit. Run 0 warms the servers.
        for (const b of i % 2 ? builds : [...builds].reverse()) {
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.addInitScript({ content: observeFirstCard });
          try {
            await page.goto(b.url, { waitUntil: 'commit' });
            await page.waitForSelector('[data-testid="table-card"]', { state: 'visible', timeout: 20_000 });
            // Polled from here: waitForFunction would poll in the page with an eval, which the page's CSP refuses.
            for (const until = Date.now() + 20_000; ; await new Promise((r) => setTimeout(r, 20))) {
              const painted = b.live ? 'window.__appCardFrame !== undefined' : 'true';
              if (await page.evaluate<boolean>(`window.__firstCardFrame !== undefined && ${painted}`)) break;
              if (Date.now() > until) throw new Error("the app's own board was not painted within 20 s");
            }
          } catch (err) {
            return r.notRun(`the page did not show a table card (${(err as Error).message.split('\n')[0]})`);
          }
          const t = await page.evaluate<{ dom: number; frame: number; app: number; dcl: number }>(readTimes);
          await context.close();
          if (i === 0) continue;
          const app = b.live ? `, the app's at ${t.app.toFixed(0)} ms` : '';
          ctx.progress(`  load ${i}/${reps} (${b.label}): first table card painted at ${t.frame.toFixed(0)} ms${app}`);
          b.t.dom.push(t.dom);
          b.t.frame.push(t.frame);
          b.t.app.push(t.app);
          b.t.dcl.push(t.dcl);
        }
      }
    } finally {
      await browser.close();
      for (const b of builds) await b.stop();
    }
    const [mine, beside, floor] = builds;
    const painted = r.perRun('navigation start → first table card painted', 'ms', mine!.t.frame).median;
    r.perRun('navigation start → first table card in the DOM', 'ms', mine!.t.dom);
    r.perRun("navigation start → the app's own board painted (live, interactive)", 'ms', mine!.t.app);
    r.perRun('navigation start → DOMContentLoaded', 'ms', mine!.t.dcl);
    r.perRun(`${label}: first table card painted`, 'ms', beside!.t.frame);
    r.perRun(`${label}: DOMContentLoaded`, 'ms', beside!.t.dcl);
    r.perRun(
      `ratio this / ${label} (painted, per load)`,
      'x',
      mine!.t.frame.map((x, i) => x / beside!.t.frame[i]!),
    );
    r.perRun(
      `ratio this / ${label} (the app's board, per load)`,
      'x',
      mine!.t.app.map((x, i) => x / beside!.t.app[i]!),
    );
    const floorPainted = floor ? r.perRun(`${FLOOR_LABEL}: first table card painted`, 'ms', floor.t.frame).median : null;
    if (floor)
      r.perRun(
        `ratio this / ${FLOOR_LABEL} (painted, per load)`,
        'x',
        mine!.t.frame.map((x, i) => x / floor.t.frame[i]!),
      );
    else r.notes.push('no floor: the plan page came without its server frame (is dist-ssr/ built?)');
    r.check(
      'first render of the 1,500-guest plan ≤ 500 ms',
      painted,
      '<=',
      500,
      'ms',
      floorPainted === null ? undefined : { label: FLOOR_LABEL, value: floorPainted },
    );
    r.details.webDist = webDist;
    if (compared) r.details.compareDist = compared;
  },
};
