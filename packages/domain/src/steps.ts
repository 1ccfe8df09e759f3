/**
 * Long plans (a guest import of 20,000 rows, say) are written as generators that yield between pieces of work, so a
 * server can run them a slice at a time with other plans' work between the slices; the domain itself never waits.
 * `finish` runs one to its end at once (tests, the browser).
 */
export type Steps<T> = Generator<void, T, void>;

export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
