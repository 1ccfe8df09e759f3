import type { Page } from 'playwright-core';

/*
 * In-page measurements of the floor plan. Scripts are strings, not functions: tsx would add its own helpers to a
 * function's source, which the page lacks. Every input is one synthetic event per animation frame (mouse for
 * d3-zoom's pan, wheel for its zoom, pointer for a table drag), and the frame time is the interval between
 * requestAnimationFrame callbacks: a frame whose work overruns 16.7 ms shows as a longer interval.
 */

const FRAMES = 120;
/** Every in-page wait gives up after this long, with a message saying what the page shows. */
const DEADLINE_MS = 30_000;

/** Click on the Rooms tab → the frame after the floor with all its tables is in the DOM has been painted. */
const firstDraw = `new Promise((resolve, reject) => {
  const t0 = performance.now();
  const tab = document.querySelector('[data-testid="tab-rooms"]');
  if (!tab) return reject(new Error('first draw: no Rooms tab ([data-testid="tab-rooms"]) on the page'));
  tab.click();
  const done = () => {
    const n = document.querySelectorAll('[data-testid="floor-table"]').length;
    if (n === 0) {
      if (performance.now() - t0 < ${DEADLINE_MS}) return requestAnimationFrame(done);
      const canvas = document.querySelector('[data-testid="floor-canvas"]');
      const shown = canvas ? 'a floor plan of ' + (canvas.querySelector('svg')?.getAttribute('aria-label') ?? 'a room') + ' with no tables' : document.querySelector('[data-testid="rooms-list"][aria-pressed="true"]') ? 'the rooms list' : 'no floor plan';
      return reject(new Error('first draw: no floor-table within ${DEADLINE_MS} ms of the Rooms tab click; the page shows ' + shown));
    }
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve({ ms: performance.now() - t0, tables: n });
      ch.port2.postMessage(0);
    });
  };
  done();
})`;

const loop = (body: string) => `new Promise((resolve) => {
  const svg = document.querySelector('[data-testid="floor-svg"]');
  const r = svg.getBoundingClientRect();
  const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
  const times = [];
  let n = 0;
  ${body}
})`;

/** d3-zoom pans on a mouse drag over the empty floor: back and forth, 8 px a frame. */
const pan = loop(`
  const opts = (x, y) => ({ clientX: x, clientY: y, bubbles: true, cancelable: true, view: window, button: 0 });
  const room = document.querySelector('.floor-room');
  let x = cx, y = cy;
  (room ?? svg).dispatchEvent(new MouseEvent('mousedown', opts(x, y)));
  const step = (t) => {
    times.push(t);
    x += (Math.floor(n / 30) % 2 ? -8 : 8); y += (Math.floor(n / 40) % 2 ? -4 : 4);
    window.dispatchEvent(new MouseEvent('mousemove', opts(x, y)));
    if (++n < ${FRAMES}) requestAnimationFrame(step);
    else { window.dispatchEvent(new MouseEvent('mouseup', opts(x, y))); resolve(times); }
  };
  requestAnimationFrame(step);
`);

/** Wheel zoom in for 30 frames, out for 30, twice (about 8× each way). */
const wheel = loop(`
  const step = (t) => {
    times.push(t);
    svg.dispatchEvent(new WheelEvent('wheel', { deltaY: Math.floor(n / 30) % 2 ? 50 : -50, deltaMode: 0, clientX: cx, clientY: cy, bubbles: true, cancelable: true, view: window }));
    if (++n < ${FRAMES}) requestAnimationFrame(step);
    else resolve(times);
  };
  requestAnimationFrame(step);
`);

/** Presses a table in the middle and drags it round a circle (snapping and guides live), ending where it began. */
const drag = loop(`
  const tables = [...document.querySelectorAll('[data-testid="floor-table"]')];
  const box = (el) => el.getBoundingClientRect();
  const table = tables.sort((a, b) => Math.hypot(box(a).x - cx, box(a).y - cy) - Math.hypot(box(b).x - cx, box(b).y - cy))[0];
  const b = box(table);
  const x0 = b.left + b.width / 2, y0 = b.top + b.height / 2;
  const opts = (x, y) => ({ clientX: x, clientY: y, bubbles: true, cancelable: true, view: window, button: 0, pointerId: 1, pointerType: 'mouse', isPrimary: true });
  table.dispatchEvent(new PointerEvent('pointerdown', opts(x0, y0)));
  const step = (t) => {
    times.push(t);
    const a = (n / ${FRAMES}) * Math.PI * 2;
    const last = n === ${FRAMES} - 1;
    const x = last ? x0 : x0 + Math.sin(a) * 120, y = last ? y0 : y0 + (1 - Math.cos(a)) * 80;
    window.dispatchEvent(new PointerEvent('pointermove', opts(x, y)));
    if (++n < ${FRAMES}) requestAnimationFrame(step);
    else requestAnimationFrame(() => { window.dispatchEvent(new PointerEvent('pointerup', opts(x0, y0))); resolve(times); });
  };
  requestAnimationFrame(step);
`);

const deltas = (times: number[]) =>
  times
    .slice(1)
    .map((t, i) => t - times[i]!)
    .slice(2); // the first intervals include the set-up

export interface FloorMeasure {
  firstDraw: number;
  tables: number;
  frames: Record<'pan' | 'pan with names' | 'zoom' | 'drag', number[]>;
}

/** Runs an in-page script, giving up (with what it was doing) if the page has not answered in time. */
async function within<T>(page: Page, what: string, script: string, ms = DEADLINE_MS + 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`floor bench: ${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return (await Promise.race([page.evaluate(script), late])) as T;
  } finally {
    clearTimeout(timer);
  }
}

/** The first draw alone: Rooms tab clicked → the frame after the floor's tables are in the DOM (ms). */
export async function floorFirstDraw(page: Page): Promise<number> {
  return (await within<{ ms: number; tables: number }>(page, 'first draw', firstDraw)).ms;
}

export async function floorFrames(page: Page): Promise<FloorMeasure> {
  const first = await within<{ ms: number; tables: number }>(page, 'first draw', firstDraw);
  await page.getByTestId('floor-svg').waitFor();
  const settle = () => within<void>(page, 'settling two frames', 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  await settle();
  const panTimes = await within<number[]>(page, 'pan', pan);
  await page.getByTestId('zoom-fit').click();
  await settle();
  const zoomTimes = await within<number[]>(page, 'wheel', wheel);
  await page.getByTestId('zoom-fit').click();
  await settle();
  const dragTimes = await within<number[]>(page, 'drag', drag);
  await page.getByTestId('zoom-fit').click();
  // Zoomed in far enough for the names at the chairs: how many steps that takes depends on how the room fits the canvas.
  const names = page.locator('[data-testid="chair-name"]');
  for (let i = 0; i < 8 && (await names.count()) === 0; i++) {
    await page.getByTestId('zoom-in').click();
    await settle();
  }
  await names.first().waitFor({ timeout: 20_000 });
  await settle();
  const namesTimes = await within<number[]>(page, 'pan with names', pan);
  return {
    firstDraw: first.ms,
    tables: first.tables,
    frames: { pan: deltas(panTimes), zoom: deltas(zoomTimes), drag: deltas(dragTimes), 'pan with names': deltas(namesTimes) },
  };
}
