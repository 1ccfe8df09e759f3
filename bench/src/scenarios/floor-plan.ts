import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decide, demoPlanCommands, evolve, freeSeats, initialState, type Command } from '@seatfold/domain';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../e2e/chromium.ts';
import { chromium, type Page } from 'playwright-core';
import { launchSeatfold, startSeatfold, type SeatfoldFixture } from '../fixture.ts';
import type { Scenario } from '../scenario.ts';
import { floorFirstDraw, floorFrames } from './floor-frames.ts';

const webDist = path.resolve(process.env.BENCH_WEB_DIST ?? fileURLToPath(new URL('../../../apps/web/dist', import.meta.url)));
/** Another build to compare with (e.g. the build before a change): its first draws alternate with this build's, load by load. */
const compareDist = process.env.BENCH_WEB_DIST_COMPARE ? path.resolve(process.env.BENCH_WEB_DIST_COMPARE) : null;
/** BENCH_FLOOR_DRAW_ONLY=1: first draws only, no frame times (a quicker comparison of builds). */
const drawOnly = process.env.BENCH_FLOOR_DRAW_ONLY === '1';
const ROOM = 'room-ballroom';
/** The Rooms tab opens on the first room by name: as "Grand Ballroom" the big room came after the (then empty) Garden Hall. */
const ROOM_NAME = 'Ballroom';
const KINDS = ['pan', 'zoom', 'drag', 'pan with names'] as const;
type Kind = (typeof KINDS)[number];
const [WIDTH, DEPTH] = [60, 40];

/**
 * The big room: the demo plan's 156 physical tables all in one 60 m × 40 m room, arranged on a grid,
 * with every guest who fits seated (≈1,480 names at ≈1,570 chairs).
 */
export function bigRoomCommands(): Command[] {
  const out = demoPlanCommands().map((c) =>
    c.type === 'addPhysicalTable' ? { ...c, roomId: ROOM } : c.type === 'addRoom' && c.roomId === ROOM ? { ...c, name: ROOM_NAME } : c,
  );
  const s = initialState();
  for (const c of out) {
    const d = decide(s, c);
    if (d.ok) for (const e of d.events) evolve(s, e);
  }
  const tables = Object.values(s.tables).filter((t) => t.physicalTableId && !t.locked);
  for (const g of Object.values(s.guests)) {
    if (g.tableId) continue;
    const t = tables.find((x) => freeSeats(x, s.physicalTables[x.physicalTableId!]?.capacity) > 0);
    if (!t) break;
    const c: Command = { type: 'seatGuest', guestId: g.id, tableId: t.id };
    const d = decide(s, c);
    if (!d.ok) continue;
    for (const e of d.events) evolve(s, e);
    out.push(c);
  }
  out.push({ type: 'setRoomSize', roomId: ROOM, widthM: WIDTH, depthM: DEPTH });
  const physical = Object.values(s.physicalTables).sort((a, b) => a.label.localeCompare(b.label));
  const cols = 13;
  const rows = Math.ceil(physical.length / cols);
  const moves = physical.map((p, i) => ({
    kind: 'table' as const,
    id: p.id,
    x: +(((i % cols) + 0.5) * (WIDTH / cols)).toFixed(2),
    y: +((Math.floor(i / cols) + 0.5) * (DEPTH / rows)).toFixed(2),
    rotation: 0,
  }));
  out.push({ type: 'arrangeFloor', roomId: ROOM, moves });
  return out;
}

/** Opens the plan at `url` in a 1440 × 900 page, live, with the Rooms tab's chunk fetched and evaluated. */
export async function openFloor(page: Page, url: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(url);
  await page.getByTestId('connection-status').filter({ hasText: 'Live' }).waitFor({ timeout: 60_000 });
  // The Rooms tab's chunk is fetched when the page is idle after the first paint: measure the draw, not the network.
  const fetched = await page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    const look = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/RoomsView-')) ? resolve(true) : performance.now() - t0 > 30000 ? resolve(false) : setTimeout(look, 100);
    look();
  })`);
  if (!fetched) throw new Error('floor bench: the Rooms tab chunk (RoomsView-*.js) was not fetched within 30 s of the plan going live');
  await page.waitForTimeout(1500); // and evaluated (the preload keeps the module for the first render), as a planner clicks Rooms seconds after opening
}

/** Floor plan of the big room: first draw, and frame times while panning, zooming and dragging (Chromium, rAF). */
export const floorPlan: Scenario = {
  id: 'floor-plan',
  title: 'Floor plan: 60 m × 40 m room, 156 tables, ~1,570 chairs and names — first draw and frame times',
  async run(ctx, r) {
    if (!existsSync(path.join(webDist, 'index.html')))
      return r.notRun(`${path.relative(process.cwd(), webDist)}/index.html is missing (the web app is not built)`);
    if (!existsSync(CHROMIUM_PATH)) return r.notRun(`${CHROMIUM_PATH} is missing`);
    const reps = ctx.reps;
    const seat = await startSeatfold(ctx, { name: 'floor-plan', commands: bigRoomCommands(), staticDir: webDist });
    let other: SeatfoldFixture | null = null;
    if (compareDist) {
      if (!existsSync(path.join(compareDist, 'index.html'))) {
        await seat.stop();
        return r.notRun(`BENCH_WEB_DIST_COMPARE: ${compareDist}/index.html is missing`);
      }
      other = await launchSeatfold(ctx, { name: 'floor-plan-compare', commands: bigRoomCommands(), staticDir: compareDist });
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const url = `http://127.0.0.1:${seat.port}/p/${seat.token}`;
    const otherUrl = other ? `http://127.0.0.1:${other.port}/p/${other.token}` : null;
    const draw: number[] = [];
    const otherDraw: number[] = [];
    const frames: Record<Kind, number[]> = { pan: [], 'pan with names': [], zoom: [], drag: [] };
    const fps: Record<Kind, number[]> = { pan: [], 'pan with names': [], zoom: [], drag: [] };
    /** One load of this build: the first draw and (unless drawOnly) the frame times. */
    const mine = async (i: number) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        await openFloor(page, url);
        if (drawOnly) {
          const ms = await floorFirstDraw(page);
          if (i > 0) draw.push(ms);
          return;
        }
        const m = await floorFrames(page);
        if (i === 0) return; // warms the server and the browser's caches
        draw.push(m.firstDraw);
        for (const k of KINDS) {
          frames[k].push(...m.frames[k]);
          fps[k].push(1000 / median(m.frames[k]));
        }
        ctx.progress(
          `  run ${i}/${reps}: first draw ${m.firstDraw.toFixed(0)} ms; median frame pan ${median(m.frames.pan).toFixed(1)} ms, names ${median(m.frames['pan with names']).toFixed(1)} ms, zoom ${median(m.frames.zoom).toFixed(1)} ms, drag ${median(m.frames.drag).toFixed(1)} ms`,
        );
      } finally {
        await context.close();
      }
    };
    /** One load of the compared build: its first draw only. */
    const theirs = async (i: number) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        await openFloor(page, otherUrl!);
        const ms = await floorFirstDraw(page);
        if (i > 0) otherDraw.push(ms);
      } finally {
        await context.close();
      }
    };
    try {
      for (let i = 0; i <= reps; i++) {
        // With a compared build the two alternate, each going first in every other run: run 0 warms both.
        const order = otherUrl ? (i % 2 ? [mine, theirs] : [theirs, mine]) : [mine];
        for (const load of order) await load(i);
        if (otherUrl && i > 0)
          ctx.progress(
            `  run ${i}/${reps}: first draw this build ${draw[i - 1]!.toFixed(0)} ms, compared build ${otherDraw[i - 1]!.toFixed(0)} ms (ratio ${(draw[i - 1]! / otherDraw[i - 1]!).toFixed(2)})`,
          );
        else if (drawOnly && i > 0) ctx.progress(`  run ${i}/${reps}: first draw ${draw[i - 1]!.toFixed(0)} ms`);
      }
    } finally {
      await browser.close();
      await seat.stop();
      await other?.stop();
    }
    const first = r.perRun('Rooms tab clicked → floor of 156 tables painted', 'ms', draw).median;
    r.check('first draw of the big room ≤ 100 ms', first, '<=', 100, 'ms');
    if (other) {
      r.perRun(`compared build (${path.basename(compareDist!)}): Rooms tab clicked → floor painted`, 'ms', otherDraw);
      r.perRun(
        'ratio this / compared build (first draw, per run)',
        'x',
        draw.map((x, i) => x / otherDraw[i]!),
      );
      r.details.compareDist = compareDist;
    }
    r.details.webDist = webDist;
    if (drawOnly) {
      r.notes.push('BENCH_FLOOR_DRAW_ONLY=1: first draws only, no frame times.');
      return;
    }
    for (const k of KINDS) {
      const f = r.latency(
        `frame time while ${k === 'drag' ? 'dragging a table' : k === 'zoom' ? 'zooming (wheel)' : k === 'pan' ? 'panning (whole room in view)' : 'panning, zoomed in (names drawn)'}`,
        frames[k],
      );
      r.perRun(`frames per second while ${k} (median frame of each run)`, 'fps', fps[k]);
      // One 60 Hz frame is 16.67 ms; rAF timestamps jitter by a few hundredths, so a steady 60 fps reads 16.6–16.8.
      r.check(`${k}: median frame ≤ 17 ms (60 fps)`, f.median, '<=', 17, 'ms');
    }
    r.notes.push(
      'Frame time = interval between requestAnimationFrame callbacks while one synthetic input event per frame pans, zooms or drags (Chromium --disable-gpu, software raster).',
    );
  },
};

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}
