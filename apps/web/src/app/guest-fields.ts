import { entity, type Guest } from '@seatfold/domain/core';

type Guests = Readonly<Record<string, Guest>>;

/** Whether `a` and `b` hold the same guests with the same `fields` (a guest object kept as it was counts as same). */
export function sameOn(a: Guests, b: Guests, fields: readonly (keyof Guest)[]): boolean {
  if (a === b) return true;
  let n = 0;
  for (const id of Object.keys(b)) {
    n++;
    const x = entity(a, id);
    const y = b[id]!;
    if (x === y) continue;
    if (!x) return false;
    for (const f of fields) if (x[f] !== y[f]) return false;
  }
  return n === Object.keys(a).length;
}

/**
 * A memoised derivation of the guests that is computed again only when some guest came, went or changed one of
 * `fields`. Every seat change gives its guest a new object, so a selector keyed on the guests object alone would
 * sort or label all 1,500 guests again for each step of a scrubber drag or each seat somebody takes; the names a
 * label or the order reads rarely change. The comparison is one pass over the guests, far cheaper than the sort or the labels.
 */
export function onGuestFields<R>(fields: readonly (keyof Guest)[], derive: (guests: Guests) => R): (guests: Guests) => R {
  let last: { guests: Guests; result: R } | null = null;
  return (guests) => {
    if (last && sameOn(last.guests, guests, fields)) {
      last.guests = guests;
      return last.result;
    }
    last = { guests, result: derive(guests) };
    return last.result;
  };
}
