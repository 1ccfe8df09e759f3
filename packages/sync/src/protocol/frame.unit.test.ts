import type { PlanEvent } from '@seatfold/domain/core';
import { describe, expect, it } from 'vitest';
import { frame, framedCount, FrameReader, FrameWriter, unframe, type EventFrame } from './frame.ts';
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

/** Events of several shapes: optional fields, one left undefined (JSON drops it), nested values, keys in any order. */
function anyEvent(next: () => number, n: number): PlanEvent {
  const kinds: (() => Record<string, unknown>)[] = [
    () => ({ type: 'GuestUnseated', guestId: `g-${n}` }),
    () => ({ type: 'GuestSeated', v: 1, guestId: `g-${n}`, tableId: `t-${n % 7}` }),
    () => ({ type: 'GuestSeated', tableId: `t-${n % 7}`, guestId: `g-${n}`, v: 1 }),
    () => ({ type: 'GuestAdded', v: 2, guest: { id: `g-${n}`, name: `Guest ${n}`, tags: ['vip', null] }, note: undefined }),
    () => ({ type: 'GuestAdded', v: 2, guest: { id: `g-${n}`, name: '' }, note: next() < 0.5 ? null : 'x' }),
    () => ({ type: 'TableLocked', tableId: `t-${n}`, locked: next() < 0.5, seats: [1, 2.5, -3] }),
  ];
  return kinds[Math.floor(next() * kinds.length)]!() as unknown as PlanEvent;
}

/** What a push gives back: the events as JSON carries them (an undefined field is not there). */
const asSent = (events: WireEvent[]): WireEvent[] => JSON.parse(JSON.stringify(events)) as WireEvent[];

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
    expect(f.at).toBe(m.at);
    expect(f.runs[0]!.slice(0, 4)).toEqual(['import-1', 40, 0, 0]);
    expect(f.runs[0]![5]).toBe('b-1');
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
    expect(f.runs.map((r) => r[4].length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
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
        events.push({ version, event: anyEvent(next, i), meta: next() < 0.5 ? m : { ...m } });
      }
      const f = frame(events);
      const back = unframe(JSON.parse(JSON.stringify(f)) as EventFrame);
      expect(back).toStrictEqual(asSent(events));
      expect(framedCount(f)).toBe(events.length);
    }
  });

  it('frames nothing as nothing', () => {
    const f = frame([]);
    expect(f.actors).toEqual([]);
    expect(f.runs).toEqual([]);
    expect(unframe(f)).toEqual([]);
  });
});

describe('the actor list across pushes', () => {
  const push = (version: number, who: string[]): WireEvent[] =>
    who.map((name, i) => ({
      version: version + i,
      event: moved(i),
      meta: meta({ actor: name, actorId: `person:${name}`, commandId: `c-${version + i}` }),
    }));

  it('names an actor once per connection, not once per push', () => {
    const writer = new FrameWriter();
    const reader = new FrameReader();
    const first = push(1, ['Anna', 'Ben']);
    const second = push(3, ['Ben', 'Anna', 'Cleo']);
    const f1 = writer.frame(first);
    const f2 = writer.frame(second);
    expect(f1.list[1]).toBe(0);
    expect(f2.list).toEqual([f1.list[0], 2, 1]);
    expect(f2.shapes).toEqual([]); // the events are of the shape the first push named
    expect(f2.actors).toEqual([['person:Cleo', 'Cleo']]);
    expect(reader.read(JSON.parse(JSON.stringify(f1)) as EventFrame)).toEqual(first);
    expect(reader.read(JSON.parse(JSON.stringify(f2)) as EventFrame)).toEqual(second);
  });

  it('starts a new list for a joiner, which the connections reading already follow', () => {
    const writer = new FrameWriter();
    const early = new FrameReader();
    expect(early.read(writer.frame(push(1, ['Anna'])))).toHaveLength(1);
    writer.restart(); // a connection subscribes
    const joiner = new FrameReader();
    const events = push(2, ['Anna', 'Ben']);
    const f = writer.frame(events);
    expect(f.list[1]).toBe(0);
    expect(f.actors).toHaveLength(2);
    expect(joiner.read(f)).toEqual(events);
    expect(early.read(f)).toEqual(events);
  });

  it('says so, instead of naming the wrong actor, when a push before went missing', () => {
    const writer = new FrameWriter();
    const reader = new FrameReader();
    reader.read(writer.frame(push(1, ['Anna'])));
    writer.frame(push(2, ['Ben'])); // never delivered
    expect(reader.read(writer.frame(push(3, ['Cleo'])))).toBeNull();
    // and a list it never saw the start of
    writer.restart();
    const start = writer.frame(push(4, ['Dan']));
    expect(new FrameReader().read(writer.frame(push(5, ['Dan'])))).toBeNull();
    expect(new FrameReader().read(start)).toEqual(push(4, ['Dan']));
  });

  it('keeps its memory bounded: a list grown past its bound starts again', () => {
    const writer = new FrameWriter(3);
    const reader = new FrameReader();
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    let listId = 0;
    for (let i = 0; i < names.length; i++) {
      const events = push(i + 1, [names[i]!]);
      const f = writer.frame(events);
      expect(f.list[1]).toBeLessThan(3);
      if (f.list[1] === 0) expect(f.list[0]).not.toBe(listId);
      listId = f.list[0];
      expect(reader.read(f)).toEqual(events);
    }
  });

  it('gives back exactly what was written to every reader that read from a list start, with joins and losses (300 random runs)', () => {
    const next = random(5);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    for (let round = 0; round < 300; round++) {
      const writer = new FrameWriter(1 + Math.floor(next() * 8));
      const readers: { reader: FrameReader; started: boolean; lost: boolean }[] = [];
      let version = 1;
      for (let p = 0; p < 25; p++) {
        if (next() < 0.2) {
          writer.restart();
          readers.push({ reader: new FrameReader(), started: false, lost: false });
        }
        const events: WireEvent[] = [];
        for (let i = Math.floor(next() * 6); i > 0; i--) {
          const name = pick(['Anna', 'Ben', 'Cleo', 'Dan', 'Eve', 'Fay']);
          const m = meta({
            actor: next() < 0.2 ? `${name} 2` : name,
            actorId: next() < 0.1 ? null : `person:${name}`,
            commandId: `c${version}`,
            at: 1_733_328_000_000 + version,
          });
          events.push({ version: version++, event: anyEvent(next, i), meta: m });
        }
        const sent = asSent(events);
        const f = JSON.parse(JSON.stringify(writer.frame(events))) as EventFrame;
        for (const r of readers) {
          if (next() < 0.05) {
            r.lost = true; // this push never reaches it
            continue;
          }
          const back = r.reader.read(f);
          if (f.list[1] === 0) {
            r.started = true;
            r.lost = false;
          }
          if (r.started && !r.lost) expect(back).toStrictEqual(sent);
          else if (back !== null) expect(back).toStrictEqual(sent); // read only when nothing it needed was missing
        }
      }
    }
  });
});

describe('the shape list across pushes', () => {
  const at = (version: number, event: Record<string, unknown>): WireEvent => ({
    version,
    event: event as unknown as PlanEvent,
    meta: meta({ commandId: `c-${version}` }),
  });

  it("names an event's properties once per connection, not once per event", () => {
    const writer = new FrameWriter();
    const reader = new FrameReader();
    const first = [
      at(1, { type: 'GuestSeated', v: 1, guestId: 'g-1', tableId: 't-1' }),
      at(2, { type: 'GuestSeated', v: 1, guestId: 'g-2', tableId: 't-1' }),
    ];
    const f1 = writer.frame(first);
    expect(f1.shapes).toEqual([['type', 'v', 'guestId', 'tableId']]);
    expect(f1.runs.map((r) => r[4])).toEqual([[[0, 'GuestSeated', 1, 'g-1', 't-1']], [[0, 'GuestSeated', 1, 'g-2', 't-1']]]);
    const second = [at(3, { type: 'GuestSeated', v: 1, guestId: 'g-3', tableId: 't-2' }), at(4, { type: 'GuestUnseated', guestId: 'g-1' })];
    const f2 = writer.frame(second);
    expect(f2.list).toEqual([f1.list[0], 1, 1]);
    expect(f2.shapes).toEqual([['type', 'guestId']]); // only the new one
    expect(reader.read(JSON.parse(JSON.stringify(f1)) as EventFrame)).toStrictEqual(first);
    expect(reader.read(JSON.parse(JSON.stringify(f2)) as EventFrame)).toStrictEqual(second);
    // the bytes a client parses: a one-guest move without its property names
    const objects = JSON.stringify(second.map((e) => e.event));
    expect(JSON.stringify(f2.runs.map((r) => r[4]))).not.toContain('guestId');
    expect(JSON.stringify(f2.runs.map((r) => r[4])).length).toBeLessThan(objects.length * 0.65);
  });

  it('gives back what JSON would: key order kept, undefined fields left out, nested values as they were', () => {
    const events = [
      at(1, { tableId: 't-1', type: 'GuestSeated', guestId: 'g-1' }),
      at(2, { type: 'GuestAdded', guest: { id: 'g-9', tags: ['a', null], extra: { deep: [1, { x: 'y' }] } }, note: undefined, gone: () => 1 }),
      at(3, { type: 'GuestAdded', guest: { id: 'g-10' }, note: null }),
    ];
    const back = unframe(JSON.parse(JSON.stringify(frame(events))) as EventFrame);
    expect(back).toStrictEqual(asSent(events));
    expect(Object.keys(back[0]!.event)).toEqual(['tableId', 'type', 'guestId']);
    expect('note' in back[1]!.event).toBe(false);
  });

  it('says so when the push that named a shape went missing', () => {
    const writer = new FrameWriter();
    const reader = new FrameReader();
    expect(reader.read(writer.frame([at(1, { type: 'A' })]))).toHaveLength(1);
    writer.frame([at(2, { type: 'B', n: 1 })]); // never delivered
    expect(reader.read(writer.frame([at(3, { type: 'B', n: 2 })]))).toBeNull();
  });

  it('keeps its memory bounded: a list with too many shapes starts again', () => {
    const writer = new FrameWriter(3);
    const reader = new FrameReader();
    for (let i = 0; i < 8; i++) {
      const events = [at(i + 1, { type: 'X', [`field${i}`]: i })];
      const f = writer.frame(events);
      expect(f.list[2]).toBeLessThan(3);
      expect(reader.read(f)).toStrictEqual(events);
    }
  });
});
