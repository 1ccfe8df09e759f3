let intl: Intl.NumberFormat | null = null;

/**
 * A count as the planner reads it, "1,500": Intl.NumberFormat('en')'s text. Whole numbers (every count) are grouped
 * here, by hand: a page's first NumberFormat loads ICU's number data (~20 ms of main thread in a fresh Chromium
 * page, profiled at load 6–9), and the header's counts are drawn in the first render. Anything else goes to Intl.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return (intl ??= new Intl.NumberFormat('en')).format(n);
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 || Object.is(n, -0) ? `-${digits}` : digits;
}
