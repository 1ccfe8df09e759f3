import { decide, evolve, initialState, type Command, type PlanState } from '@seatfold/domain/core';
import type { WireEvent } from '@seatfold/sync';

/** A plan state built by running commands through decide/evolve (throws on a refused setup command). */
export function planFrom(commands: Command[]): PlanState {
  const s = initialState();
  for (const c of commands) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(`setup command ${c.type} refused: ${d.error.message}`);
    for (const e of d.events) evolve(s, e);
  }
  return s;
}

/** Runs commands on `s` in place, as the server records them: their events as wire events with `meta`. */
export function recordOn(s: PlanState, commands: Command[], meta: Omit<WireEvent['meta'], 'at'>): WireEvent[] {
  const out: WireEvent[] = [];
  for (const c of commands) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(`command ${c.type} refused: ${d.error.message}`);
    for (const event of d.events) {
      evolve(s, event);
      out.push({ version: s.version, event, meta: { ...meta, at: 1_000 * s.version } });
    }
  }
  return out;
}

/** Two rooms' worth of a small plan: tables 1 (cap 2, placed on P1), 2 (cap 10), VIP (locked); guests Anna, Ben, Cara, Dan. */
export const smallPlan = (): PlanState =>
  planFrom([
    { type: 'createPlan', name: 'Test' },
    { type: 'addRoom', roomId: 'r1', name: 'Hall' },
    { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'P1', capacity: 2 },
    { type: 'addPhysicalTable', physicalTableId: 'p2', roomId: 'r1', label: 'P2', capacity: 10 },
    { type: 'addTable', tableId: 't1', name: '1', capacity: 2 },
    { type: 'addTable', tableId: 't2', name: '2', capacity: 10 },
    { type: 'addTable', tableId: 'tv', name: 'VIP', capacity: 4, vip: true },
    { type: 'mapTable', tableId: 't1', physicalTableId: 'p1' },
    { type: 'addGuest', guestId: 'anna', name: 'Anna Müller' },
    { type: 'addGuest', guestId: 'ben', name: 'Ben Braun' },
    { type: 'addGuest', guestId: 'cara', name: 'Cara Klein' },
    { type: 'addGuest', guestId: 'dan', name: 'Dan Wolf' },
    { type: 'seatGuest', guestId: 'anna', tableId: 't1' },
    { type: 'seatGuest', guestId: 'ben', tableId: 't1' },
    { type: 'seatGuest', guestId: 'cara', tableId: 't2' },
    { type: 'lockTable', tableId: 'tv' },
  ]);
