import type { Locator, Page } from '@playwright/test';

/**
 * Drags `source` onto `target` with real mouse steps. dnd-kit starts a drag only after the pointer has moved a few
 * pixels with the button down and finds the target from the pointer's moves, so one jump (as `locator.dragTo`
 * makes it) is not enough. `at` is a point inside the target (default: its centre).
 */
export async function dragOnto(source: Locator, target: Locator, at?: { x: number; y: number }) {
  const page = source.page();
  await target.scrollIntoViewIfNeeded();
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('dragOnto: the source or the target is not visible');
  const [x0, y0] = [from.x + from.width / 2, from.y + from.height / 2];
  const [x1, y1] = [to.x + (at?.x ?? to.width / 2), to.y + (at?.y ?? to.height / 2)];
  // The mouse presses whatever is on top there: say so if that is not the source (a toast over it, say).
  const onTop = await source.evaluate(
    (el, [x, y]) => {
      const hit = document.elementFromPoint(x!, y!);
      return !hit || el.contains(hit) ? null : hit.outerHTML.slice(0, 120);
    },
    [x0, y0],
  );
  if (onTop) throw new Error(`dragOnto: the source is covered at its centre by ${onTop}`);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + 12, y0 + 12, { steps: 3 }); // past the activation distance
  await page.mouse.move(x1, y1, { steps: 8 });
  await drawn(page); // React commits what the pointer is over before letting go
  await page.mouse.move(x1, y1);
  await page.mouse.up();
}

/** dnd-kit's live region: what a screen reader hears while dragging. */
export const dragAnnouncer = (source: Locator | { locator: (s: string) => Locator }) => source.locator('[id^="DndLiveRegion-"]');

/** Waits two animation frames: what the page draws for the last key or pointer move is then on screen. */
export async function drawn(page: Page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}
