/** What can take keyboard focus, in document order. */
const FOCUSABLE =
  '[tabindex="0"], button:not([disabled]), a[href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])';

/** An element and its ancestors up to `stop` (inclusive), nearest first: where focus was, kept for when it goes. */
export function placesOf(el: Element | null, stop: Element = document.body): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (let e = el; e && e !== document.body; e = e.parentElement) {
    if (e instanceof HTMLElement) out.push(e);
    if (e === stop) break;
  }
  return out;
}

/** Whether keyboard focus has fallen to the page (the focused element was removed, or nothing had it). */
export const focusLost = () => document.activeElement === null || document.activeElement === document.body;

/**
 * Focus where the planner was working when what had it went away (a removed row, a card, an empty plan's start
 * card): the first control of the nearest place still on the page, or that place itself. True when it moved focus.
 */
export function focusNearest(places: readonly HTMLElement[]): boolean {
  for (const place of places) {
    if (!place.isConnected) continue;
    const target = place.matches(FOCUSABLE) ? place : place.querySelector<HTMLElement>(FOCUSABLE);
    if (!target) continue;
    target.focus();
    return document.activeElement === target;
  }
  return false;
}
