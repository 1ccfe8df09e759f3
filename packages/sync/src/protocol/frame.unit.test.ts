import type { PlanEvent } from '@seatfold/domain/core';
import { describe, expect, it } from 'vitest';
import { frame, framedCount, unframe, type EventFrame } from './frame.ts';
import type { EventMeta, WireEvent } from './wire.ts';

const moved = (n: number): PlanEvent => ({ type: 'GuestUnseated', guestId: `g-${n}` }) as PlanEvent;
const meta = (over: Partial<EventMeta> = {}): EventMeta => ({
  actor: 'Anna',
  actorId: 'person:anna',
  commandId: 'cmd-1',
  batchId: null,
  at: 1_733_328_000_000,
  ...over,
});

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the events push frame', () => {
  it('names each command and each actor once: a 12-event import is one run', () => {
    const m = meta({ commandId: 'import-1', batchId: 'b-1' });
    const events: WireEvent[] = Array.from({ length: 12 }, (_, i) => ({ version: 40 + i, event: moved(i), meta: { ...m } }));
    const f = frame(events);
    expect(f.actors).toEqual([['person:anna', 'Anna']]);
    expect(f.runs).toHaveLength(1);
    expect(f.runs[0]!.slice(0, 5)).toEqual(['import-1', 40, 0, m.at, 'b-1']);
    expect(framedCount(f)).toBe(12);
    expect(unframe(f)).toEqual(events);
    // smaller on the wire than the objects it replaces
    expect(JSON.stringify(f).length).toBeLessThan(JSON.stringify(events).length / 2);
  });

  it('starts a new run at a version gap or at any change of the metadata', () => {
    const events: WireEvent[] = [
      { version: 1, event: moved(1), meta: meta() },
      { version: 3, event: moved(2), meta: meta() }, // gap
      { version: 4, event: moved(3), meta: meta({ at: 1_733_328_000_001 }) },
      { version: 5, event: moved(4), meta: meta({ at: 1_733_328_000_001, batchId: 'b' }) },
      { version: 6, event: moved(5), meta: meta({ at: 1_733_328_000_001, batchId: 'b', actor: 'Anna B.' }) },
      { version: 7, event: moved(6), meta: meta({ at: 1_733_328_000_001, batchId: 'b', actor: 'Anna B.', actorId: null }) },
      { version: 8, event: moved(7), meta: meta({ at: 1_733_328_000_001, batchId: 'b', actor: 'Anna B.', actorId: null, commandId: 'c2' }) },
    ];
    const f = frame(events);
    expect(f.runs.map((r) => r[5].length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    // one actor id under two names, and a legacy event without an id: three actors
    expect(f.actors).toEqual([
      ['person:anna', 'Anna'],
      ['person:anna', 'Anna B.'],
      [null, 'Anna B.'],
    ]);
    expect(unframe(f)).toEqual(events);
  });

  it('gives back any list of events it is given (500 random pushes)', () => {
    const next = random(14);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    for (let round = 0; round < 500; round++) {
      const events: WireEvent[] = [];
      let version = 1 + Math.floor(next() * 1000);
      let m = meta();
      for (let i = Math.floor(next() * 30); i > 0; i--) {
        if (next() < 0.4)
          m = meta({
            commandId: pick(['c1', 'c2', 'c3']),
            actor: pick(['Anna', 'Ben', '']),
            actorId: pick(['person:anna', 'person:ben', null]),
            batchId: pick([null, 'b1', 'b2']),
            at: 1_733_328_000_000 + Math.floor(next() * 3),
          });
        version += next() < 0.1 ? 2 : 1;
        events.push({ version, event: moved(i), meta: next() < 0.5 ? m : { ...m } });
      }
      const f = frame(events);
      const back = unframe(JSON.parse(JSON.stringify(f)) as EventFrame);
      expect(back).toEqual(events);
      expect(framedCount(f)).toBe(events.length);
    }
  });

  it('frames nothing as nothing', () => {
    expect(frame([])).toEqual({ actors: [], runs: [] });
    expect(unframe({ actors: [], runs: [] })).toEqual([]);
  });
});
