import { entity, type Command, type PlanState } from '@seatfold/domain';
import type { Rng } from '@seatfold/domain/testing';

/** A small, crowded plan: few seats and few physical tables, so organisers acting at once clash often. */
export const GUESTS = 24;
export const TABLES = 7;
export const PHYSICAL = 7;

export function setupCommands(r: Rng): Command[] {
  const out: Command[] = [{ type: 'createPlan', name: 'Fuzz' }];
  for (let i = 1; i <= 2; i++) out.push({ type: 'addRoom', roomId: `R${i}`, name: `Room ${i}` });
  for (let i = 1; i <= PHYSICAL; i++) {
    out.push({ type: 'addPhysicalTable', physicalTableId: `P${i}`, roomId: `R${1 + (i % 2)}`, label: `P-${i}`, capacity: 2 + r.int(3) });
  }
  for (let i = 1; i <= TABLES; i++) out.push({ type: 'addTable', tableId: `T${i}`, name: `Table ${i}`, capacity: 2 + r.int(3), vip: i === 1 });
  for (let i = 1; i <= 4; i++) out.push({ type: 'mapTable', tableId: `T${i}`, physicalTableId: `P${i}` });
  for (let i = 1; i <= GUESTS; i++) out.push({ type: 'addGuest', guestId: `G${i}`, name: `Guest ${i}` });
  for (let i = 1; i <= 8; i++) out.push({ type: 'seatGuest', guestId: `G${i}`, tableId: `T${1 + (i % 4)}` });
  return out;
}

// Ids mostly of things that exist, sometimes of things that never did (or were removed meanwhile).
const guestId = (r: Rng) => `G${1 + r.int(GUESTS + 3)}`;
const tableId = (r: Rng) => `T${1 + r.int(TABLES + 2)}`;
const physicalId = (r: Rng) => `P${1 + r.int(PHYSICAL + 2)}`;

/**
 * A command that usually makes sense in `view` (so it passes locally and may clash on the server) and sometimes
 * does not (so the local refusal path runs too). `tag` makes new ids and names unique.
 */
export function randomCommand(r: Rng, view: PlanState, tag: string): Command {
  const guests = Object.values(view.guests);
  const seated = guests.filter((g) => g.tableId !== null);
  const unseated = guests.filter((g) => g.tableId === null);
  const someSeated = () => (seated.length > 0 && r.chance(0.85) ? r.pick(seated).id : guestId(r));
  const someUnseated = () => (unseated.length > 0 && r.chance(0.85) ? r.pick(unseated).id : guestId(r));
  const freeTable = () => {
    const free = Object.values(view.tables).filter((t) => t.guestIds.length < t.capacity && !t.locked);
    return free.length > 0 && r.chance(0.7) ? r.pick(free).id : tableId(r);
  };
  const roll = r.int(100);
  if (roll < 26) return { type: 'seatGuest', guestId: someUnseated(), tableId: freeTable() };
  if (roll < 40) return { type: 'moveGuest', guestId: someSeated(), tableId: freeTable() };
  if (roll < 47) return { type: 'swapGuests', guestId: someSeated(), otherGuestId: someSeated() };
  if (roll < 55) return { type: 'unseatGuest', guestId: someSeated() };
  if (roll < 60) return { type: 'mapTable', tableId: tableId(r), physicalTableId: physicalId(r) };
  if (roll < 64) return { type: 'unmapTable', tableId: tableId(r) };
  if (roll < 68) return { type: 'lockTable', tableId: tableId(r) };
  if (roll < 74) return { type: 'unlockTable', tableId: tableId(r) };
  if (roll < 80) return { type: 'editTable', tableId: tableId(r), changes: { capacity: 1 + r.int(5) } };
  if (roll < 83) return { type: 'editPhysicalTable', physicalTableId: physicalId(r), changes: { capacity: 1 + r.int(5) } };
  if (roll < 88) return { type: 'addGuest', guestId: r.chance(0.4) ? guestId(r) : `N-${tag}`, name: `New ${tag}` };
  if (roll < 92) {
    const id = guestId(r);
    return { type: 'editGuest', guestId: id, changes: { name: `${entity(view.guests, id)?.name ?? 'Someone'} ${tag}`, vip: r.chance(0.5) } };
  }
  if (roll < 95) return { type: 'removeGuest', guestId: guestId(r) };
  if (roll < 98) return { type: 'addTable', tableId: r.chance(0.4) ? tableId(r) : `T-${tag}`, name: `Extra ${tag}`, capacity: 1 + r.int(4) };
  return { type: 'removeTable', tableId: tableId(r) };
}

/** A command the protocol's schema refuses (InvalidCommand), for batches that must be refused whole. */
export function malformedCommand(r: Rng): unknown {
  return r.pick<unknown>([
    { type: 'seatGuest', guestId: '', tableId: 'T1' },
    { type: 'seatGuest', guestId: '__proto__', tableId: 'T1' },
    { type: 'addGuest', guestId: 'G-bad', name: 'Bad\u202Ename' },
    { type: 'noSuchCommand' },
  ]);
}
