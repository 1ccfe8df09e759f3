import { describe, expect, it } from 'vitest';
import {
  decide,
  emptyGuestFields,
  evolve,
  foldInto,
  initialState,
  parseCommand,
  stateHash,
  type Command,
  type DomainErrorCode,
  type EventType,
  type PlanEvent,
} from './index.ts';
import { prng, violation, type Rng } from './testing/index.ts';

/** Plain-JSON deep copy (states, events and commands are plain JSON by design). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

// Small id pools so that collisions (duplicates, full tables, taken physical tables) happen often.
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const ROOMS = ids('r', 3);
const PHYSICAL = ids('p', 5);
const TABLES = ids('t', 6);
const GUESTS = ids('g', 14);
const NAMES = ['Ada', 'Ben', 'Cleo', 'Dan', 'Table 1', 'Board', 'Ballroom'];

/** Mostly ids from the pool (existing or soon to exist), sometimes one that never exists. */
const some = (r: Rng, pool: string[]) => (r.chance(0.04) ? 'ghost' : r.pick(pool));

function randomCommand(r: Rng): Command {
  const cap = () => 1 + r.int(5);
  const name = () => r.pick(NAMES);
  const weighted: [number, () => Command][] = [
    [1, () => ({ type: 'createPlan', name: name() })],
    [2, () => ({ type: 'addRoom', roomId: some(r, ROOMS), name: name() })],
    [1, () => ({ type: 'renameRoom', roomId: some(r, ROOMS), name: name() })],
    [1, () => ({ type: 'removeRoom', roomId: some(r, ROOMS) })],
    [3, () => ({ type: 'addPhysicalTable', physicalTableId: some(r, PHYSICAL), roomId: some(r, ROOMS), label: name(), capacity: cap() })],
    [
      3,
      () => ({
        type: 'editPhysicalTable',
        physicalTableId: some(r, PHYSICAL),
        changes: {
          ...(r.chance(0.3) ? { label: name() } : {}),
          ...(r.chance(0.3) ? { roomId: some(r, ROOMS) } : {}),
          ...(r.chance(0.7) ? { capacity: cap() } : {}),
        },
      }),
    ],
    [1, () => ({ type: 'removePhysicalTable', physicalTableId: some(r, PHYSICAL) })],
    [3, () => ({ type: 'addTable', tableId: some(r, TABLES), name: name(), capacity: cap(), ...(r.chance(0.3) ? { vip: r.chance(0.5) } : {}) })],
    [
      3,
      () => ({
        type: 'editTable',
        tableId: some(r, TABLES),
        changes: {
          ...(r.chance(0.3) ? { name: name() } : {}),
          ...(r.chance(0.7) ? { capacity: cap() } : {}),
          ...(r.chance(0.2) ? { vip: r.chance(0.5) } : {}),
        },
      }),
    ],
    [1, () => ({ type: 'removeTable', tableId: some(r, TABLES) })],
    [4, () => ({ type: 'mapTable', tableId: some(r, TABLES), physicalTableId: some(r, PHYSICAL) })],
    [1, () => ({ type: 'unmapTable', tableId: some(r, TABLES) })],
    [2, () => ({ type: 'lockTable', tableId: some(r, TABLES) })],
    [3, () => ({ type: 'unlockTable', tableId: some(r, TABLES) })],
    [4, () => ({ type: 'addGuest', guestId: some(r, GUESTS), name: name(), ...(r.chance(0.3) ? { vip: true, dietary: 'vegan' } : {}) })],
    [
      2,
      () => ({
        type: 'editGuest',
        guestId: some(r, GUESTS),
        changes: r.chance(0.5) ? { name: name() } : { vip: r.chance(0.5), notes: r.pick(['', 'late']) },
      }),
    ],
    [1, () => ({ type: 'removeGuest', guestId: some(r, GUESTS) })],
    [10, () => ({ type: 'seatGuest', guestId: some(r, GUESTS), tableId: some(r, TABLES) })],
    [6, () => ({ type: 'moveGuest', guestId: some(r, GUESTS), tableId: some(r, TABLES) })],
    [5, () => ({ type: 'swapGuests', guestId: some(r, GUESTS), otherGuestId: some(r, GUESTS) })],
    [3, () => ({ type: 'unseatGuest', guestId: some(r, GUESTS) })],
  ];
  const total = weighted.reduce((n, [w]) => n + w, 0);
  let k = r.next() * total;
  for (const [w, make] of weighted) {
    if ((k -= w) < 0) return make();
  }
  return weighted[weighted.length - 1]![1]();
}

const KNOWN_CODES = new Set<DomainErrorCode>([
  'PlanNotCreated',
  'PlanAlreadyCreated',
  'AlreadyExists',
  'UnknownRoom',
  'UnknownPhysicalTable',
  'UnknownTable',
  'UnknownGuest',
  'TableFull',
  'GuestAlreadySeated',
  'GuestNotSeated',
  'SameTable',
  'TableLocked',
  'RoomNotEmpty',
  'PhysicalTableTaken',
  'CapacityTooSmall',
]);

interface RunStats {
  events: Set<EventType>;
  errors: Set<DomainErrorCode>;
  accepted: number;
  rejected: number;
}

function run(seed: number, steps: number, stats: RunStats) {
  const r = prng(seed);
  const s = initialState();
  const log: PlanEvent[] = [];
  const fail = (step: number, c: Command, why: string) => {
    throw new Error(`seed ${seed}, step ${step}: after ${JSON.stringify(c)}: ${why}`);
  };
  for (let step = 0; step < steps; step++) {
    // Early on, usually create the plan first; sometimes send a few commands before it exists.
    const c: Command = step === 2 && !s.plan ? { type: 'createPlan', name: 'Gala' } : randomCommand(r);
    const parsed = parseCommand(c);
    if (!parsed.ok) fail(step, c, `generated command does not parse: ${parsed.message}`);
    const before = stateHash(s);
    const d = decide(s, c);
    if (stateHash(s) !== before) fail(step, c, 'decide changed the state it was given');
    if (!d.ok) {
      stats.rejected++;
      stats.errors.add(d.error.code);
      if (!KNOWN_CODES.has(d.error.code)) fail(step, c, `unexpected error code ${d.error.code}`);
      if (d.error.message.length < 10 || /undefined|\[object/.test(d.error.message))
        fail(step, c, `unhelpful message ${JSON.stringify(d.error.message)}`);
      continue;
    }
    stats.accepted++;
    for (const e of d.events) {
      stats.events.add(e.type);
      evolve(s, e);
      log.push(e);
    }
    const v = violation(s);
    if (v) fail(step, c, v);
  }
  if (s.version !== log.length) throw new Error(`seed ${seed}: version ${s.version} but ${log.length} events`);
  const replayed = foldInto(initialState(), clone(log));
  if (stateHash(replayed) !== stateHash(s)) throw new Error(`seed ${seed}: replaying the event log gives a different state`);
}

describe('random command sequences keep the invariants', () => {
  const SEEDS = 150;
  const STEPS = 200;
  const stats: RunStats = { events: new Set(), errors: new Set(), accepted: 0, rejected: 0 };

  it(`holds for ${SEEDS} seeds × ${STEPS} commands`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) run(seed, STEPS, stats);

    // The generator must really reach the interesting corners, or the property above proves little.
    const allEvents: EventType[] = [
      'PlanCreated',
      'RoomAdded',
      'RoomRenamed',
      'RoomRemoved',
      'PhysicalTableAdded',
      'PhysicalTableEdited',
      'PhysicalTableRemoved',
      'TableAdded',
      'TableEdited',
      'TableRemoved',
      'TableMapped',
      'TableUnmapped',
      'TableLocked',
      'TableUnlocked',
      'GuestAdded',
      'GuestEdited',
      'GuestRemoved',
      'GuestSeated',
      'GuestMoved',
      'GuestsSwapped',
      'GuestUnseated',
    ];
    expect(
      allEvents.filter((e) => !stats.events.has(e)),
      'event types never produced',
    ).toEqual([]);
    expect(
      [...KNOWN_CODES].filter((c) => !stats.errors.has(c)),
      'error codes never produced',
    ).toEqual([]);
    expect(stats.accepted).toBeGreaterThan(SEEDS * STEPS * 0.2);
    expect(stats.rejected).toBeGreaterThan(SEEDS * STEPS * 0.2);
  });

  it('the invariant checker itself catches broken states', () => {
    const s = initialState();
    s.tables.t = { id: 't', name: 'T', capacity: 1, vip: false, locked: false, physicalTableId: null, guestIds: ['a', 'b'] };
    expect(violation(s)).toMatch(/holds 2 guests but has 1 seats/);
    s.tables.t.capacity = 5;
    expect(violation(s)).toMatch(/missing guest a/);
    s.guests.a = { id: 'a', tableId: 't', ...emptyGuestFields, name: 'A' };
    s.guests.b = { ...s.guests.a, id: 'b', tableId: null };
    expect(violation(s)).toMatch(/lists b, whose tableId is null/);
    s.guests.b.tableId = 't';
    expect(violation(s)).toBeNull();
    s.tables.u = { ...s.tables.t, id: 'u', guestIds: ['a'] };
    expect(violation(s)).toMatch(/guest a listed at t and again at u/);
    s.tables.u.guestIds = [];
    s.physicalTables.p = { id: 'p', roomId: 'r', label: 'P', capacity: 4 };
    s.rooms.r = { id: 'r', name: 'R' };
    s.tables.t.physicalTableId = 'p';
    s.tables.u.physicalTableId = 'p';
    expect(violation(s)).toMatch(/physical table p holds both t and u/);
    s.tables.u.physicalTableId = null;
    s.guests.c = { ...s.guests.a, id: 'c', tableId: 'u' };
    expect(violation(s)).toMatch(/guest c sits at u, which lists them 0 times/);
  });
});
