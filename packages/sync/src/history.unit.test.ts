import { decide, demoPlanCommands, evolve, initialState, stateHash, type Command, type PlanState } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { groupHistory, PlanHistory } from './history.ts';
import type { WireEvent } from './protocol.ts';

/** A tiny seeded PRNG so failures name their seed. */
function prng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** A random but valid history: the demo plan, then random moves/unseats/locks. */
function randomHistory(seed: number, extra: number): WireEvent[] {
  const r = prng(seed);
  const s = initialState();
  const out: WireEvent[] = [];
  let n = 0;
  const run = (c: Command) => {
    const d = decide(s, c);
    if (!d.ok) return;
    n++;
    for (const event of d.events) {
      evolve(s, event);
      out.push({
        version: s.version,
        event,
        meta: { actor: n % 3 ? 'ann' : 'bob', actorId: null, commandId: `c${n}`, batchId: n < 50 ? 'setup' : null, at: 1000 + s.version },
      });
    }
  };
  for (const c of demoPlanCommands(seed)) run(c);
  const guests = Object.keys(s.guests);
  const tables = Object.keys(s.tables);
  for (let i = 0; i < extra; i++) {
    const g = guests[Math.floor(r() * guests.length)]!;
    const t = tables[Math.floor(r() * tables.length)]!;
    const k = r();
    run(
      k < 0.5
        ? { type: s.guests[g]!.tableId ? 'moveGuest' : 'seatGuest', guestId: g, tableId: t }
        : k < 0.8
          ? { type: 'unseatGuest', guestId: g }
          : k < 0.9
            ? { type: 'lockTable', tableId: t }
            : { type: 'unlockTable', tableId: t },
    );
  }
  return out;
}

function fold(events: WireEvent[], upTo: number): PlanState {
  const s = initialState();
  for (const e of events.slice(0, upTo)) evolve(s, e.event);
  return s;
}

describe('PlanHistory', () => {
  for (const seed of [1, 2, 3]) {
    it(`seek(v) equals a fresh fold of the first v events, both directions, across checkpoints (seed ${seed})`, () => {
      const events = randomHistory(seed, 1500);
      const h = new PlanHistory(128);
      // Appended in uneven pages, as the server sends them.
      for (let i = 0; i < events.length; i += 997) h.append(events.slice(i, i + 997));
      expect(h.length).toBe(events.length);
      const r = prng(seed * 7);
      const picks = [0, 1, 127, 128, 129, events.length, ...Array.from({ length: 40 }, () => Math.floor(r() * (events.length + 1)))];
      for (const v of [...picks, ...[...picks].reverse()]) {
        expect(stateHash(h.stateAt(v)), `seed ${seed}, version ${v}`).toBe(stateHash(fold(events, v)));
      }
    });
  }

  it('a walk forward, one version at a time across checkpoints, equals a fresh fold at every step and leaves earlier states as they were', () => {
    const events = randomHistory(6, 400);
    const h = new PlanHistory(64);
    h.append(events);
    const seen: [number, PlanState, string][] = [];
    for (let v = 50; v <= 200; v++) {
      const state = h.stateAt(v);
      expect(stateHash(state), `version ${v}`).toBe(stateHash(fold(events, v)));
      if (v % 25 === 0) seen.push([v, state, stateHash(state)]);
    }
    for (const [v, state, hash] of seen) expect(stateHash(state), `version ${v} kept`).toBe(hash);
  });

  it('read page by page with each page’s end asked for, as the timeline reads it, then sought anywhere, equals fresh folds', () => {
    const events = randomHistory(8, 700);
    const h = new PlanHistory(64);
    // pages that end inside checkpoint stretches, on a checkpoint, and across several
    for (const [from, to] of [
      [0, 100],
      [100, 128],
      [128, 131],
      [131, 330],
      [330, events.length],
    ] as const) {
      h.append(events.slice(from, to));
      expect(stateHash(h.stateAt(h.length)), `page end ${to}`).toBe(stateHash(fold(events, Math.min(to, events.length))));
    }
    for (const v of [64, 127, 128, 129, 250, 10, 300, 331, events.length - 1, 0]) {
      expect(stateHash(h.stateAt(v)), `version ${v}`).toBe(stateHash(fold(events, v)));
    }
  });

  it('states are immutable and share unchanged entities between checkpoints', () => {
    const events = randomHistory(4, 600);
    const h = new PlanHistory(64);
    h.append(events);
    const a = h.stateAt(events.length - 70);
    const b = h.stateAt(events.length);
    expect(Object.isFrozen(a.guests)).toBe(true);
    const shared = Object.keys(b.guests).filter((id) => a.guests[id] === b.guests[id]).length;
    expect(shared).toBeGreaterThan(Object.keys(b.guests).length * 0.9);
  });

  it('refuses a gap, ignores repeats, finds versions by time and the history of one guest', () => {
    const events = randomHistory(5, 300);
    const h = new PlanHistory();
    h.append(events.slice(0, 10));
    h.append(events.slice(5, 20));
    expect(h.length).toBe(20);
    expect(() => h.append(events.slice(25, 30))).toThrow(/gap/);
    h.append(events.slice(20));
    expect(h.versionAtTime(1000 + 42)).toBe(42);
    expect(h.versionAtTime(0)).toBe(0);
    const moved = events.find((e) => e.event.type === 'GuestMoved')!;
    const guestId = (moved.event as { guestId: string }).guestId;
    const mine = h.touching(`guest:${guestId}`);
    expect(mine.some((e) => e.version === moved.version)).toBe(true);
    expect(mine.every((e) => JSON.stringify(e.event).includes(guestId))).toBe(true);
  });

  it('groups a batch into one timeline entry and other commands one by one', () => {
    const events = randomHistory(6, 50);
    const groups = groupHistory(events);
    expect(groups[0]!.batchId).toBe('setup');
    expect(groups[0]!.events.length).toBeGreaterThan(40);
    const rest = groups.slice(1);
    expect(rest.every((g) => new Set(g.events.map((e) => e.meta.commandId)).size === 1)).toBe(true);
    expect(groups.reduce((n, g) => n + g.events.length, 0)).toBe(events.length);
  });
});

describe('PlanHistory.removals', () => {
  /** Events of the commands, in order, from an empty plan. */
  function eventsOf(commands: Command[]): WireEvent[] {
    const s = initialState();
    const out: WireEvent[] = [];
    commands.forEach((c, i) => {
      const d = decide(s, c);
      if (!d.ok) throw new Error(d.error.message);
      for (const event of d.events) {
        evolve(s, event);
        out.push({ version: s.version, event, meta: { actor: 'ann', actorId: null, commandId: `c${i}`, batchId: null, at: 5000 + s.version } });
      }
    });
    return out;
  }

  it('lists each removed guest and table by its last removal, newest first, with what it was', () => {
    const h = new PlanHistory(4);
    const events = eventsOf([
      { type: 'createPlan', name: 'P' },
      { type: 'addGuest', guestId: 'g1', name: 'Hanna Łukasz', email: 'hanna@example.com' },
      { type: 'addGuest', guestId: 'g2', name: 'Ivo Petrov' },
      { type: 'addTable', tableId: 't1', name: 'Head', capacity: 8 },
      { type: 'removeGuest', guestId: 'g1' },
      { type: 'removeTable', tableId: 't1' },
    ]);
    h.append(events.slice(0, 5));
    expect(h.removals().map((r) => [r.key, r.version])).toEqual([['guest:g1', 5]]);
    h.append(events.slice(5));
    const removals = h.removals();
    expect(removals.map((r) => [r.key, r.version, r.at])).toEqual([
      ['table:t1', 6, 5006],
      ['guest:g1', 5, 5005],
    ]);
    expect(removals[1]!.event).toMatchObject({ type: 'GuestRemoved', previous: { name: 'Hanna Łukasz', email: 'hanna@example.com' } });
    // Added back under the same id and removed again: listed once, by the later removal.
    const again = eventsOf([
      { type: 'createPlan', name: 'P' },
      { type: 'addGuest', guestId: 'g1', name: 'Hanna' },
      { type: 'removeGuest', guestId: 'g1' },
      { type: 'addGuest', guestId: 'g1', name: 'Hanna L.' },
      { type: 'removeGuest', guestId: 'g1' },
    ]);
    const h2 = new PlanHistory(4);
    h2.append(again);
    expect(h2.removals().map((r) => [r.key, r.version, (r.event.previous as { name: string }).name])).toEqual([['guest:g1', 5, 'Hanna L.']]);
  });
});
