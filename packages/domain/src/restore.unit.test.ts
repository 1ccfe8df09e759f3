import { describe, expect, it } from 'vitest';
import { cloneState, decide, evolve, initialState, restoreCommands, restoreRemoves, type Command, type EntityKey, type PlanState } from './index.ts';

function run(s: PlanState, ...cs: Command[]): PlanState {
  for (const c of cs) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(`${c.type} refused: ${d.error.message}`);
    for (const e of d.events) evolve(s, e);
  }
  return s;
}

/** Applies a restore on a copy, as the server's atomic batch would; returns the result or the first refusal. */
function apply(current: PlanState, cs: Command[]): { ok: true; s: PlanState } | { ok: false; message: string } {
  const s = cloneState(current);
  for (const c of cs) {
    const d = decide(s, c);
    if (!d.ok) return { ok: false, message: d.error.message };
    for (const e of d.events) evolve(s, e);
  }
  return { ok: true, s };
}

const base = () =>
  run(
    initialState(),
    { type: 'createPlan', name: 'Gala' },
    { type: 'addRoom', roomId: 'r1', name: 'Hall' },
    { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'A-1', capacity: 10 },
    { type: 'addPhysicalTable', physicalTableId: 'p2', roomId: 'r1', label: 'A-2', capacity: 10 },
    { type: 'addTable', tableId: 't1', name: '1', capacity: 4 },
    { type: 'addTable', tableId: 't2', name: '2', capacity: 4 },
    { type: 'mapTable', tableId: 't1', physicalTableId: 'p1' },
    { type: 'addGuest', guestId: 'ann', name: 'Ann', email: 'ann@x.org', department: 'Sales' },
    { type: 'addGuest', guestId: 'bob', name: 'Bob' },
    { type: 'addGuest', guestId: 'cy', name: 'Cy' },
    { type: 'seatGuest', guestId: 'ann', tableId: 't1' },
    { type: 'seatGuest', guestId: 'bob', tableId: 't1' },
  );

const guestView = (s: PlanState, id: string) => (s.guests[id] ? { ...s.guests[id] } : null);
const tableView = (s: PlanState, id: string) => (s.tables[id] ? { ...s.tables[id], guestIds: [...s.tables[id].guestIds].sort() } : null);

describe('restoreCommands', () => {
  it('gives nothing when the entity is as it was', () => {
    const s = base();
    expect(restoreCommands(s, cloneState(s), 'guest:ann')).toEqual([]);
    expect(restoreCommands(s, cloneState(s), 'table:t1')).toEqual([]);
    expect(restoreCommands(s, s, 'room:r1')).toEqual([]);
  });

  it('moves a guest back and restores edited fields', () => {
    const past = base();
    const now = run(
      cloneState(past),
      { type: 'moveGuest', guestId: 'ann', tableId: 't2' },
      { type: 'editGuest', guestId: 'ann', changes: { department: 'Legal', vip: true } },
    );
    const cs = restoreCommands(now, past, 'guest:ann');
    expect(cs).toEqual([
      { type: 'editGuest', guestId: 'ann', changes: { department: 'Sales', vip: false } },
      { type: 'moveGuest', guestId: 'ann', tableId: 't1' },
    ]);
    const r = apply(now, cs);
    expect(r.ok && guestView(r.s, 'ann')).toEqual(guestView(past, 'ann'));
  });

  it('seats, unseats, re-adds a removed guest and removes one that did not exist yet', () => {
    const past = base();
    const now = run(
      cloneState(past),
      { type: 'unseatGuest', guestId: 'bob' },
      { type: 'seatGuest', guestId: 'cy', tableId: 't2' },
      { type: 'removeGuest', guestId: 'ann' },
      { type: 'addGuest', guestId: 'dee', name: 'Dee' },
    );
    for (const id of ['ann', 'bob', 'cy', 'dee']) {
      const r = apply(now, restoreCommands(now, past, `guest:${id}`));
      expect(r.ok && guestView(r.s, id)).toEqual(guestView(past, id));
    }
    expect(restoreCommands(now, past, 'guest:dee')).toEqual([{ type: 'removeGuest', guestId: 'dee' }]);
  });

  it('tells a restore that removes (the entity did not exist yet) from one that brings back or changes', () => {
    const past = base();
    const now = run(
      cloneState(past),
      { type: 'addGuest', guestId: 'dee', name: 'Dee' },
      { type: 'removeGuest', guestId: 'ann' },
      { type: 'addTable', tableId: 't3', name: '3', capacity: 6 },
      { type: 'moveGuest', guestId: 'bob', tableId: 't2' },
    );
    expect(restoreRemoves(now, past, 'guest:dee')).toBe(true);
    expect(restoreRemoves(now, past, 'table:t3')).toBe(true);
    expect(restoreRemoves(now, past, 'guest:ann')).toBe(false); // brought back
    expect(restoreRemoves(now, past, 'guest:bob')).toBe(false); // moved back
    expect(restoreRemoves(now, past, 'table:t1')).toBe(false);
    expect(restoreRemoves(now, past, 'room:r1')).toBe(false);
  });

  it('restores a table: properties, placement, lock and who sat at it', () => {
    const past = run(base(), { type: 'lockTable', tableId: 't1' });
    const now = run(
      cloneState(past),
      { type: 'unlockTable', tableId: 't1' },
      { type: 'moveGuest', guestId: 'ann', tableId: 't2' },
      { type: 'seatGuest', guestId: 'cy', tableId: 't1' },
      { type: 'editTable', tableId: 't1', changes: { name: 'One', capacity: 8, vip: true } },
      { type: 'mapTable', tableId: 't1', physicalTableId: 'p2' },
    );
    const cs = restoreCommands(now, past, 'table:t1');
    const r = apply(now, cs);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(tableView(r.s, 't1')).toEqual(tableView(past, 't1'));
    expect(r.s.guests.cy!.tableId).toBeNull();
    expect(r.s.guests.ann!.tableId).toBe('t1');
    expect(cs[cs.length - 1]).toEqual({ type: 'lockTable', tableId: 't1' });
  });

  it('unlocks a table locked since before changing it, and brings back a removed table', () => {
    const past = base();
    const locked = run(cloneState(past), { type: 'lockTable', tableId: 't2' });
    expect(restoreCommands(locked, past, 'table:t2')).toEqual([{ type: 'unlockTable', tableId: 't2' }]);
    const removed = run(cloneState(past), { type: 'removeTable', tableId: 't1' });
    const r = apply(removed, restoreCommands(removed, past, 'table:t1'));
    expect(r.ok && tableView(r.s, 't1')).toEqual(tableView(past, 't1'));
    const early = run(initialState(), { type: 'createPlan', name: 'Gala' });
    const cs = restoreCommands(run(cloneState(locked), { type: 'lockTable', tableId: 't1' }), early, 'table:t1');
    expect(cs).toEqual([
      { type: 'unlockTable', tableId: 't1' },
      { type: 'removeTable', tableId: 't1' },
    ]);
  });

  it('leaves refusals to decide: a full table refuses the move back, so the batch is refused whole', () => {
    const past = base();
    const now = run(
      cloneState(past),
      { type: 'moveGuest', guestId: 'ann', tableId: 't2' },
      { type: 'addGuest', guestId: 'g1', name: 'G1' },
      { type: 'addGuest', guestId: 'g2', name: 'G2' },
      { type: 'addGuest', guestId: 'g3', name: 'G3' },
      { type: 'seatGuest', guestId: 'g1', tableId: 't1' },
      { type: 'seatGuest', guestId: 'g2', tableId: 't1' },
      { type: 'seatGuest', guestId: 'g3', tableId: 't1' },
    );
    const r = apply(now, restoreCommands(now, past, 'guest:ann'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/full/i);
  });

  it('round-trips random histories for every guest and table', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 30; round++) {
      const past = base();
      const now = cloneState(past);
      const guests = ['ann', 'bob', 'cy'];
      for (let i = 0; i < 8; i++) {
        const g = guests[rnd(3)];
        const t = ['t1', 't2'][rnd(2)];
        const options: Command[] = [
          { type: 'seatGuest', guestId: g!, tableId: t! },
          { type: 'moveGuest', guestId: g!, tableId: t! },
          { type: 'unseatGuest', guestId: g! },
          { type: 'editGuest', guestId: g!, changes: { notes: `n${i}` } },
          { type: 'editTable', tableId: t!, changes: { name: `T${i}` } },
          { type: 'unmapTable', tableId: t! },
        ];
        const c = options[rnd(options.length)]!;
        const d = decide(now, c);
        if (d.ok) for (const e of d.events) evolve(now, e);
      }
      const keys: EntityKey[] = ['guest:ann', 'guest:bob', 'guest:cy', 'table:t1', 'table:t2'];
      for (const key of keys) {
        const r = apply(now, restoreCommands(now, past, key));
        expect(r.ok).toBe(true);
        if (!r.ok) continue;
        const [kind, id] = key.split(':');
        if (kind === 'guest') expect(guestView(r.s, id!)).toEqual(guestView(past, id!));
        else expect(tableView(r.s, id!)).toEqual(tableView(past, id!));
      }
    }
  });
});
