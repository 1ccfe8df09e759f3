import { afterEach, describe, expect, it } from 'vitest';
import {
  decide,
  emptyGuestFields,
  describeEvent,
  diffStates,
  evolve,
  foldInto,
  initialState,
  parseCommand,
  planRevert,
  planTotals,
  restoreCommands,
  seatingModel,
  stateHash,
  tablesByRoom,
  type Command,
  type PlanEvent,
  type PlanState,
} from './index.ts';
import { prng } from './testing/index.ts';

/**
 * Finding 2 of issue #8: ids named like Object.prototype's members. Written against the public API only
 * (decide, evolve, parseCommand, stateHash), so it fails on the code before the fix.
 */
const RESERVED = ['__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'toString', 'isPrototypeOf', 'toLocaleString', '__defineGetter__'];
const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const PROTO_BEFORE = protoKeys();

afterEach(() => {
  // Whatever a test did, Object.prototype must be untouched (and no later test may be fooled by it).
  expect(protoKeys()).toEqual(PROTO_BEFORE);
  expect(({} as Record<string, unknown>).name).toBeUndefined();
});

function build(commands: Command[]): PlanState {
  const s = initialState();
  for (const c of commands) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(`${c.type}: ${d.error.message}`);
    for (const e of d.events) evolve(s, e);
  }
  return s;
}

const base: Command[] = [
  { type: 'createPlan', name: 'Gala' },
  { type: 'addRoom', roomId: 'hall', name: 'Hall' },
  { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'hall', label: 'P-1', capacity: 4 },
  { type: 'addPhysicalTable', physicalTableId: 'p2', roomId: 'hall', label: 'P-2', capacity: 4 },
  { type: 'addTable', tableId: 't1', name: '1', capacity: 4 },
  { type: 'addTable', tableId: 't2', name: '2', capacity: 4 },
  { type: 'mapTable', tableId: 't1', physicalTableId: 'p1' },
  { type: 'addGuest', guestId: 'ada', name: 'Ada' },
  { type: 'addGuest', guestId: 'ben', name: 'Ben' },
  { type: 'seatGuest', guestId: 'ada', tableId: 't1' },
  { type: 'seatGuest', guestId: 'ben', tableId: 't2' },
];

/** Every event type, with one id (the others real), as junk events that old versions may have stored. */
function junkEvents(x: string): PlanEvent[] {
  const fields = { name: 'Evil', email: '', party: '', department: '', dietary: '', vip: false, notes: '' };
  return [
    { type: 'RoomAdded', v: 1, roomId: x, name: 'polluted' },
    { type: 'RoomRenamed', v: 1, roomId: x, name: 'polluted', previousName: 'x' },
    { type: 'RoomRemoved', v: 1, roomId: x, name: 'x' },
    { type: 'PhysicalTableAdded', v: 1, physicalTableId: x, roomId: 'hall', label: 'polluted', capacity: 3 },
    { type: 'PhysicalTableEdited', v: 1, physicalTableId: x, changes: { label: 'polluted', capacity: 9 }, previous: { label: 'x' } },
    { type: 'PhysicalTableRemoved', v: 1, physicalTableId: x, previous: { roomId: 'hall', label: 'x', capacity: 1 } },
    { type: 'TableAdded', v: 1, tableId: x, name: 'polluted', capacity: 3, vip: false },
    { type: 'TableEdited', v: 1, tableId: x, changes: { name: 'polluted' }, previous: { name: 'x' } },
    { type: 'TableMapped', v: 1, tableId: x, physicalTableId: 'p2', previousPhysicalTableId: null },
    { type: 'TableMapped', v: 1, tableId: 't2', physicalTableId: x, previousPhysicalTableId: null },
    { type: 'TableUnmapped', v: 1, tableId: x, physicalTableId: 'p1' },
    { type: 'TableLocked', v: 1, tableId: x },
    { type: 'TableUnlocked', v: 1, tableId: x },
    { type: 'TableRemoved', v: 1, tableId: x, previous: { name: 'x', capacity: 1, vip: false } },
    { type: 'GuestAdded', v: 1, guestId: x, ...fields },
    { type: 'GuestEdited', v: 1, guestId: x, changes: { name: 'polluted', vip: true }, previous: { name: 'x' } },
    { type: 'GuestSeated', v: 1, guestId: x, tableId: 't2' },
    { type: 'GuestSeated', v: 1, guestId: 'ada', tableId: x },
    { type: 'GuestMoved', v: 1, guestId: x, fromTableId: 't1', toTableId: 't2' },
    { type: 'GuestMoved', v: 1, guestId: 'ben', fromTableId: x, toTableId: x },
    { type: 'GuestsSwapped', v: 1, guestId: x, tableId: 't1', otherGuestId: 'ben', otherTableId: 't2' },
    { type: 'GuestsSwapped', v: 1, guestId: 'ada', tableId: x, otherGuestId: 'ben', otherTableId: 't2' },
    { type: 'GuestUnseated', v: 1, guestId: x, tableId: 't1' },
    { type: 'GuestUnseated', v: 1, guestId: 'ada', tableId: x },
    { type: 'GuestRemoved', v: 1, guestId: x, previous: fields },
  ];
}

describe('old events with prototype-named ids', () => {
  it('fold harmlessly: version counted, nothing else changes, Object.prototype untouched, decide works after', () => {
    const clean = build(base);
    const junk = RESERVED.flatMap(junkEvents);
    // stored as JSON (jsonb): the events come back through JSON.parse, which makes "__proto__" an own key
    const stored = JSON.parse(JSON.stringify(junk)) as PlanEvent[];
    const polluted = foldInto(build(base), stored);
    expect(polluted.version).toBe(clean.version + junk.length);
    expect(stateHash({ ...polluted, version: 0 })).toBe(stateHash({ ...clean, version: 0 }));
    for (const record of [polluted.rooms, polluted.physicalTables, polluted.tables, polluted.guests]) {
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      for (const k of RESERVED) expect(Object.hasOwn(record, k)).toBe(false);
    }
    const d = decide(polluted, { type: 'moveGuest', guestId: 'ada', tableId: 't2' });
    expect(d.ok).toBe(true);
    if (d.ok) for (const e of d.events) evolve(polluted, e);
    expect(polluted.tables.t2!.guestIds).toEqual(['ben', 'ada']);
  });

  it('an edit event whose changes carry a __proto__ key cannot change any prototype', () => {
    const s = build(base);
    const e = JSON.parse(
      '{"type":"GuestEdited","v":1,"guestId":"ada","changes":{"__proto__":{"name":"polluted"},"notes":"hi"},"previous":{}}',
    ) as PlanEvent;
    evolve(s, e);
    expect(Object.getPrototypeOf(s.guests.ada)).toBe(Object.prototype);
    expect(s.guests.ada!.notes).toBe('hi');
    expect(Object.keys(s.guests.ada!).sort()).toEqual([
      'accessibility',
      'department',
      'dietary',
      'email',
      'id',
      'name',
      'notes',
      'party',
      'ref',
      'tableId',
      'vip',
    ]);
  });
});

describe('decide on a command that bypassed the schema', () => {
  it('takes only the guest fields it knows from addGuest and editGuest, never __proto__ or tableId', () => {
    const s = build(base);
    const edit = JSON.parse('{"type":"editGuest","guestId":"ada","changes":{"__proto__":{"x":1},"tableId":"t2","name":"Ada L"}}') as Command;
    const d = decide(s, edit);
    expect(d.ok && d.events).toEqual([{ type: 'GuestEdited', v: 1, guestId: 'ada', changes: { name: 'Ada L' }, previous: { name: 'Ada' } }]);
    const add = JSON.parse('{"type":"addGuest","guestId":"cy","name":"Cy","__proto__":{"x":1},"tableId":"t2"}') as Command;
    const a = decide(s, add);
    expect(a.ok && a.events[0]).toEqual({ type: 'GuestAdded', v: 1, guestId: 'cy', ...emptyGuestFields, name: 'Cy' });
  });
});

describe('every read by id ignores inherited names', () => {
  it('describe, revert, restore, diff, queries and the seating model treat them as unknown entities', () => {
    const s = build(base);
    const hash = stateHash(s);
    for (const x of RESERVED) {
      const junk = junkEvents(x);
      for (const e of junk) expect(typeof describeEvent(e, s)).toBe('string');
      expect(describeEvent({ type: 'GuestEdited', v: 1, guestId: x, changes: { name: 'a' }, previous: { name: 'b' } }, s)).toMatch(
        /^changed a guest/,
      );
      const recorded = junk.map((event, i) => ({ version: 100 + i, event, actor: 'old', actorId: null, commandId: `c${i}`, batchId: null }));
      const plan = planRevert(s, recorded, []);
      for (const c of plan.commands) expect(JSON.stringify(c)).not.toContain(`"${x}"`);
      expect(restoreCommands(s, s, `guest:${x}`)).toEqual([]);
      expect(restoreCommands(s, s, `table:${x}`)).toEqual([]);
    }
    expect(diffStates(s, build(base)).guestsEdited).toEqual([]);
    expect(planTotals(s)).toMatchObject({ guests: 2, seated: 2, tables: 2 });
    expect(
      tablesByRoom(s)
        .flatMap((g) => g.tables.map((t) => t.id))
        .sort(),
    ).toEqual(['t1', 't2']);
    expect(seatingModel(s, 'Gala').guests.map((g) => g.table)).toEqual(['1', '2']);
    expect(stateHash(s)).toBe(hash);
  });
});

describe('the id grammar', () => {
  const ok = (id: string) => parseCommand({ type: 'removeGuest', guestId: id }).ok;
  it('accepts letters, digits and - _ . : starting with a letter or digit, 1–100 characters', () => {
    for (const id of ['g1', 'G', '7', 'room-ballroom', 'g-0b6c1d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e', 'a.b:c_d', 'x'.repeat(100), 'proto', 'name'])
      expect(ok(id), id).toBe(true);
  });
  it('refuses everything else with a message naming the rule', () => {
    for (const id of ['', ' ', ' g1', 'g 1', '-g', '.g', '_g', 'x'.repeat(101), 'ä', 'g/1', 'g\u0000', '\u202eg', ...RESERVED]) {
      const r = parseCommand({ type: 'removeGuest', guestId: id });
      expect(r.ok, JSON.stringify(id)).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/guestId: Ids are 1–100 letters, digits/);
    }
  });
  it('renameRoom "__proto__" (the reported attack) is refused and leaves Object.prototype alone', () => {
    expect(parseCommand({ type: 'renameRoom', roomId: '__proto__', name: 'x' }).ok).toBe(false);
    const s = build(base);
    const d = decide(s, { type: 'renameRoom', roomId: '__proto__', name: 'x' });
    expect(d.ok).toBe(false);
  });
});

describe('property: decide never accepts a command with a reserved id', () => {
  const templates: ((x: string) => Record<string, unknown>)[] = [
    (x) => ({ type: 'addRoom', roomId: x, name: 'R' }),
    (x) => ({ type: 'renameRoom', roomId: x, name: 'R' }),
    (x) => ({ type: 'removeRoom', roomId: x }),
    (x) => ({ type: 'addPhysicalTable', physicalTableId: x, roomId: 'hall', label: 'L', capacity: 2 }),
    (x) => ({ type: 'addPhysicalTable', physicalTableId: 'p9', roomId: x, label: 'L', capacity: 2 }),
    (x) => ({ type: 'editPhysicalTable', physicalTableId: x, changes: { label: 'L' } }),
    (x) => ({ type: 'editPhysicalTable', physicalTableId: 'p1', changes: { roomId: x } }),
    (x) => ({ type: 'removePhysicalTable', physicalTableId: x }),
    (x) => ({ type: 'addTable', tableId: x, name: 'T', capacity: 2 }),
    (x) => ({ type: 'editTable', tableId: x, changes: { name: 'T' } }),
    (x) => ({ type: 'removeTable', tableId: x }),
    (x) => ({ type: 'mapTable', tableId: x, physicalTableId: 'p2' }),
    (x) => ({ type: 'mapTable', tableId: 't2', physicalTableId: x }),
    (x) => ({ type: 'unmapTable', tableId: x }),
    (x) => ({ type: 'lockTable', tableId: x }),
    (x) => ({ type: 'unlockTable', tableId: x }),
    (x) => ({ type: 'addGuest', guestId: x, name: 'G' }),
    (x) => ({ type: 'editGuest', guestId: x, changes: { name: 'G' } }),
    (x) => ({ type: 'removeGuest', guestId: x }),
    (x) => ({ type: 'seatGuest', guestId: x, tableId: 't2' }),
    (x) => ({ type: 'seatGuest', guestId: 'ada', tableId: x }),
    (x) => ({ type: 'moveGuest', guestId: x, tableId: 't2' }),
    (x) => ({ type: 'moveGuest', guestId: 'ada', tableId: x }),
    (x) => ({ type: 'swapGuests', guestId: x, otherGuestId: 'ben' }),
    (x) => ({ type: 'swapGuests', guestId: 'ada', otherGuestId: x }),
    (x) => ({ type: 'unseatGuest', guestId: x }),
  ];
  const reserved = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];

  it('for 3,000 generated commands: refused by the schema AND by decide itself, state unchanged', () => {
    const seed = 0x5eed;
    const rnd = prng(seed);
    const s = build(base);
    const before = stateHash(s);
    for (let i = 0; i < 3000; i++) {
      const x = rnd.pick(reserved);
      const input = rnd.pick(templates)(x);
      const where = `seed ${seed}, #${i}: ${JSON.stringify(input)}`;
      expect(parseCommand(input).ok, where).toBe(false);
      const d = decide(s, input as Command);
      expect(d.ok, where).toBe(false);
    }
    expect(stateHash(s)).toBe(before);
  });
});
