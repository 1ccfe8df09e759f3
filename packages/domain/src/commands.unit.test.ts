import { describe, expect, it } from 'vitest';
import { parseCommand, type Command } from './index.ts';

/** Plain-JSON deep copy (states, events and commands are plain JSON by design). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function accepted(input: unknown): Command {
  const r = parseCommand(input);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got: ${r.message}`);
  return r.command;
}
function rejected(input: unknown): string {
  const r = parseCommand(input);
  if (r.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected, got ${JSON.stringify(r.command)}`);
  expect(r.message).toMatch(/^Invalid command — /);
  expect(r.message).not.toMatch(/\[object/);
  return r.message;
}

const valid: Command[] = [
  { type: 'createPlan', name: 'Gala' },
  { type: 'addRoom', roomId: 'r1', name: 'Ballroom' },
  { type: 'renameRoom', roomId: 'r1', name: 'Hall' },
  { type: 'removeRoom', roomId: 'r1' },
  { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'B1', capacity: 4 },
  { type: 'editPhysicalTable', physicalTableId: 'p1', changes: { label: 'B2', roomId: 'r2', capacity: 6 } },
  { type: 'editPhysicalTable', physicalTableId: 'p1', changes: {} },
  { type: 'removePhysicalTable', physicalTableId: 'p1' },
  { type: 'addTable', tableId: 't1', name: '1', capacity: 500 },
  { type: 'addTable', tableId: 't1', name: '1', capacity: 1, vip: true },
  { type: 'editTable', tableId: 't1', changes: { name: 'Board', capacity: 10, vip: false } },
  { type: 'removeTable', tableId: 't1' },
  { type: 'mapTable', tableId: 't1', physicalTableId: 'p1' },
  { type: 'unmapTable', tableId: 't1' },
  { type: 'lockTable', tableId: 't1' },
  { type: 'unlockTable', tableId: 't1' },
  { type: 'addGuest', guestId: 'g1', name: 'Ada' },
  { type: 'addGuest', guestId: 'g1', name: 'Ada', email: 'a@x.org', party: 'P', department: 'D', dietary: 'vegan', vip: true, notes: '' },
  { type: 'editGuest', guestId: 'g1', changes: { email: '', vip: false } },
  { type: 'removeGuest', guestId: 'g1' },
  { type: 'seatGuest', guestId: 'g1', tableId: 't1' },
  { type: 'moveGuest', guestId: 'g1', tableId: 't2' },
  { type: 'swapGuests', guestId: 'g1', otherGuestId: 'g2' },
  { type: 'unseatGuest', guestId: 'g1' },
];

describe('parseCommand', () => {
  it.each(valid.map((c) => [c.type, c] as const))('accepts a valid %s unchanged', (_t, c) => {
    expect(accepted(clone(c))).toEqual(c);
  });

  it('covers every command type', () => {
    expect(new Set(valid.map((c) => c.type)).size).toBe(21);
  });

  it('trims names and labels; ids follow their grammar exactly (no white space)', () => {
    expect(accepted({ type: 'addRoom', roomId: 'r1', name: '  Ballroom\t' })).toEqual({ type: 'addRoom', roomId: 'r1', name: 'Ballroom' });
    expect(rejected({ type: 'addRoom', roomId: '  r1 ', name: 'Ballroom' })).toMatch(/roomId: Ids are 1–100 letters/);
    expect(accepted({ type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: ' B1 ', capacity: 4 })).toMatchObject({ label: 'B1' });
    expect(accepted({ type: 'editTable', tableId: 't1', changes: { name: ' Board ' } })).toEqual({
      type: 'editTable',
      tableId: 't1',
      changes: { name: 'Board' },
    });
    expect(accepted({ type: 'editGuest', guestId: 'g1', changes: { name: ' Ada ' } })).toEqual({
      type: 'editGuest',
      guestId: 'g1',
      changes: { name: 'Ada' },
    });
  });

  it('rejects non-objects', () => {
    for (const input of [null, undefined, 'createPlan', 42, true, [], [{ type: 'createPlan', name: 'x' }]]) rejected(input);
  });

  it('rejects an unknown or missing type, naming the type field', () => {
    expect(rejected({ type: 'launchRocket' })).toMatch(/type/);
    expect(rejected({ name: 'Gala' })).toMatch(/type/);
    expect(rejected({ type: 42, name: 'Gala' })).toMatch(/type/);
  });

  it('rejects a missing field, naming it', () => {
    expect(rejected({ type: 'addRoom', name: 'Ballroom' })).toMatch(/roomId/);
    expect(rejected({ type: 'seatGuest', guestId: 'g1' })).toMatch(/tableId/);
    expect(rejected({ type: 'editTable', tableId: 't1' })).toMatch(/changes/);
    expect(rejected({ type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'B1' })).toMatch(/capacity/);
  });

  it('rejects wrong types, naming the field', () => {
    expect(rejected({ type: 'addTable', tableId: 't1', name: '1', capacity: '8' })).toMatch(/capacity/);
    expect(rejected({ type: 'addTable', tableId: 't1', name: '1', capacity: 8, vip: 'yes' })).toMatch(/vip/);
    expect(rejected({ type: 'addRoom', roomId: 7, name: 'x' })).toMatch(/roomId/);
    expect(rejected({ type: 'addGuest', guestId: 'g1', name: 'Ada', email: null })).toMatch(/email/);
    expect(rejected({ type: 'editGuest', guestId: 'g1', changes: { vip: 1 } })).toMatch(/changes\.vip/);
    expect(rejected({ type: 'editTable', tableId: 't1', changes: 'bigger' })).toMatch(/changes/);
  });

  it('rejects extra fields, at the top level and inside changes', () => {
    expect(rejected({ type: 'removeRoom', roomId: 'r1', force: true })).toMatch(/force/);
    expect(rejected({ type: 'editTable', tableId: 't1', changes: { locked: false } })).toMatch(/locked/);
    expect(rejected({ type: 'editGuest', guestId: 'g1', changes: { tableId: 't1' } })).toMatch(/tableId/);
    expect(rejected({ type: 'addGuest', guestId: 'g1', name: 'Ada', tableId: 't1' })).toMatch(/tableId/);
    expect(rejected({ type: 'editPhysicalTable', physicalTableId: 'p1', changes: { id: 'p2' } })).toMatch(/id/);
  });

  it('rejects empty names and ids, also after trimming', () => {
    expect(rejected({ type: 'createPlan', name: '' })).toMatch(/name: Names cannot be empty/);
    expect(rejected({ type: 'createPlan', name: '   ' })).toMatch(/name: Names cannot be empty/);
    expect(rejected({ type: 'addGuest', guestId: 'g1', name: ' \n ' })).toMatch(/Names cannot be empty/);
    expect(rejected({ type: 'editTable', tableId: 't1', changes: { name: '  ' } })).toMatch(/changes\.name: Names cannot be empty/);
    expect(rejected({ type: 'removeRoom', roomId: '  ' })).toMatch(/roomId: Ids are 1–100/);
  });

  it('rejects over-long strings with their limit', () => {
    expect(rejected({ type: 'createPlan', name: 'x'.repeat(201) })).toMatch(/Names are at most 200 characters/);
    accepted({ type: 'createPlan', name: 'x'.repeat(200) });
    expect(rejected({ type: 'removeRoom', roomId: 'r'.repeat(101) })).toMatch(/roomId: Ids are 1–100/);
    expect(rejected({ type: 'addGuest', guestId: 'g1', name: 'Ada', notes: 'n'.repeat(2001) })).toMatch(/notes: Notes are at most 2000 characters/);
    expect(rejected({ type: 'addGuest', guestId: 'g1', name: 'Ada', email: 'e'.repeat(321) })).toMatch(
      /email: E-mail addresses are at most 320 characters/,
    );
    expect(rejected({ type: 'editGuest', guestId: 'g1', changes: { dietary: 'd'.repeat(501) } })).toMatch(
      /changes\.dietary: Dietary needs are at most 500/,
    );
  });

  it('rejects non-integer, zero, negative, too large and non-finite capacities', () => {
    expect(rejected({ type: 'addTable', tableId: 't1', name: '1', capacity: 2.5 })).toMatch(/capacity: Seats must be a whole number/);
    expect(rejected({ type: 'addTable', tableId: 't1', name: '1', capacity: 0 })).toMatch(/A table needs at least 1 seat\./);
    expect(rejected({ type: 'addTable', tableId: 't1', name: '1', capacity: -3 })).toMatch(/A table needs at least 1 seat\./);
    expect(rejected({ type: 'addTable', tableId: 't1', name: '1', capacity: 501 })).toMatch(/A table has at most 500 seats\./);
    rejected({ type: 'addTable', tableId: 't1', name: '1', capacity: Number.NaN });
    rejected({ type: 'addTable', tableId: 't1', name: '1', capacity: Number.POSITIVE_INFINITY });
    expect(rejected({ type: 'editTable', tableId: 't1', changes: { capacity: 0 } })).toMatch(/changes\.capacity/);
    expect(rejected({ type: 'editPhysicalTable', physicalTableId: 'p1', changes: { capacity: 1.5 } })).toMatch(
      /changes\.capacity: Seats must be a whole number/,
    );
    expect(rejected({ type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'B1', capacity: -1 })).toMatch(
      /A table needs at least 1 seat\./,
    );
  });

  it('does not echo the input object into the returned command (a fresh, clean value)', () => {
    const input = { type: 'addRoom', roomId: 'r1', name: 'Ballroom' };
    const c = accepted(input);
    expect(c).not.toBe(input);
  });
});
