import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  emptyGuestFields,
  foldInto,
  guestMatches,
  initialState,
  planTotals,
  stateHash,
  tablesByRoom,
  type Guest,
  type PlanEvent,
  type PlanState,
} from './index.ts';

const guest = (over: Partial<Guest> = {}): Guest => ({
  id: 'g1',
  tableId: 't1',
  ...emptyGuestFields,
  name: 'Ada',
  email: 'ada@example.com',
  ...over,
});

function stateA(): PlanState {
  const s = initialState();
  s.version = 3;
  s.plan = { name: 'Gala' };
  s.rooms.r1 = { id: 'r1', name: 'Ballroom' };
  s.rooms.r2 = { id: 'r2', name: 'Terrace' };
  s.tables.t1 = { id: 't1', name: '1', capacity: 4, vip: false, locked: false, physicalTableId: null, guestIds: ['g1', 'g2'] };
  s.guests.g1 = guest();
  s.guests.g2 = guest({ id: 'g2', name: 'Ben' });
  return s;
}

/** The same content as stateA, with every object's keys inserted in reverse order. */
function stateB(): PlanState {
  const reverse = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(reverse);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .reverse()
          .map(([k, x]) => [k, reverse(x)]),
      );
    return v;
  };
  return reverse(stateA()) as PlanState;
}

describe('canonicalJson and stateHash', () => {
  it('ignore key insertion order at every level', () => {
    const a = stateA();
    const b = stateB();
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b)); // really different orders
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(stateHash(a)).toBe(stateHash(b));
    expect(stateHash(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('sort keys and keep JSON semantics', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: null, c: 'x' }], e: undefined })).toBe('{"a":[3,{"c":"x","d":null}],"b":1}');
    expect(JSON.parse(canonicalJson(stateA()))).toEqual(stateA());
  });

  it('are equal for states folded from the same events in different key orders of the events', () => {
    const events: PlanEvent[] = [
      { type: 'PlanCreated', v: 1, name: 'Gala' },
      { type: 'TableAdded', v: 1, tableId: 't1', name: '1', capacity: 4, vip: false },
      { type: 'GuestAdded', v: 1, guestId: 'g1', ...emptyGuestFields, name: 'Ada' },
      { type: 'GuestSeated', v: 1, guestId: 'g1', tableId: 't1' },
    ];
    const reversed = events.map((e) => Object.fromEntries(Object.entries(e).reverse()) as PlanEvent);
    expect(stateHash(foldInto(initialState(), reversed))).toBe(stateHash(foldInto(initialState(), events)));
  });

  const guestVariants: [string, Partial<Guest>][] = [
    ['id', { id: 'g9' }],
    ['name', { name: 'Ada ' }],
    ['email', { email: 'ADA@example.com' }],
    ['party', { party: 'x' }],
    ['department', { department: 'x' }],
    ['dietary', { dietary: 'x' }],
    ['accessibility', { accessibility: 'x' }],
    ['ref', { ref: 'x' }],
    ['vip', { vip: true }],
    ['notes', { notes: 'x' }],
    ['tableId', { tableId: null }],
  ];
  it.each(guestVariants)('differ when a guest’s %s differs', (_field, change) => {
    const a = stateA();
    const b = stateA();
    b.guests.g1 = { ...b.guests.g1!, ...change };
    expect(stateHash(b)).not.toBe(stateHash(a));
  });

  it('cover every guest field', () => {
    expect(guestVariants.map(([f]) => f).sort()).toEqual(Object.keys(guest()).sort());
  });

  it('differ when seat order, version, or a value’s type differs', () => {
    const a = stateA();
    const order = stateA();
    order.tables.t1!.guestIds = ['g2', 'g1'];
    const version = stateA();
    version.version = 4;
    const typed = stateA() as unknown as { tables: { t1: { capacity: unknown } } };
    typed.tables.t1.capacity = '4';
    for (const other of [order, version, typed]) expect(stateHash(other)).not.toBe(stateHash(a));
  });

  it('distinguish values that could collide when concatenated', () => {
    expect(stateHash({ ab: 'c' })).not.toBe(stateHash({ a: 'bc' }));
    expect(stateHash(['a', 'b'])).not.toBe(stateHash(['a,b']));
  });
});

describe('queries', () => {
  const events: PlanEvent[] = [
    { type: 'PlanCreated', v: 1, name: 'Gala' },
    { type: 'RoomAdded', v: 1, roomId: 'r1', name: 'Terrace' },
    { type: 'RoomAdded', v: 1, roomId: 'r2', name: 'Ballroom' },
    { type: 'PhysicalTableAdded', v: 1, physicalTableId: 'p1', roomId: 'r1', label: 'T1', capacity: 8 },
    { type: 'PhysicalTableAdded', v: 1, physicalTableId: 'p2', roomId: 'r1', label: 'T2', capacity: 8 },
    { type: 'TableAdded', v: 1, tableId: 't10', name: 'Table 10', capacity: 8, vip: false },
    { type: 'TableAdded', v: 1, tableId: 't2', name: 'Table 2', capacity: 6, vip: false },
    { type: 'TableAdded', v: 1, tableId: 't3', name: 'Board', capacity: 4, vip: true },
    { type: 'TableMapped', v: 1, tableId: 't10', physicalTableId: 'p1', previousPhysicalTableId: null },
    { type: 'TableMapped', v: 1, tableId: 't2', physicalTableId: 'p2', previousPhysicalTableId: null },
    { type: 'GuestAdded', v: 1, guestId: 'g1', ...emptyGuestFields, name: 'José García', department: 'Sales' },
    { type: 'GuestAdded', v: 1, guestId: 'g2', ...emptyGuestFields, name: 'Ben', email: 'ben@example.com' },
    { type: 'GuestSeated', v: 1, guestId: 'g1', tableId: 't3' },
  ];
  const s = foldInto(initialState(), events);

  it('tablesByRoom groups tables by room (rooms by name), numeric-aware, unplaced last', () => {
    const groups = tablesByRoom(s).map((g) => [g.room?.name ?? null, g.tables.map((t) => t.name)]);
    expect(groups).toEqual([
      ['Ballroom', []],
      ['Terrace', ['Table 2', 'Table 10']],
      [null, ['Board']],
    ]);
  });

  it('planTotals counts guests, seats and tables', () => {
    expect(planTotals(s)).toEqual({ guests: 2, seated: 1, unseated: 1, seats: 18, tables: 3 });
    expect(planTotals(initialState())).toEqual({ guests: 0, seated: 0, unseated: 0, seats: 0, tables: 0 });
  });

  it('guestMatches is case- and accent-insensitive over name, e-mail and department', () => {
    expect(guestMatches(s.guests.g1!, 'jose garc')).toBe(true);
    expect(guestMatches(s.guests.g1!, 'SALES')).toBe(true);
    expect(guestMatches(s.guests.g2!, 'example.com')).toBe(true);
    expect(guestMatches(s.guests.g2!, 'josé')).toBe(false);
    expect(guestMatches(s.guests.g2!, '')).toBe(true);
  });
});
