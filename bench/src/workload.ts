import { decide, demoPlanCommands, evolve, initialState, type Command, type PlanEvent, type PlanState } from '@seatfold/domain';

/**
 * Realistic commands on the 1,500-guest demo plan that always succeed and append exactly one event each.
 *
 * A lane owns one unseated guest and one reserved free seat on each of two unlocked tables, and cycles
 * seat(T1) → move(T2) → unseat. Lanes never share a guest and never overbook a table, so any interleaving of
 * lanes is valid: concurrent clients never reject each other's commands, and capacity never blocks.
 */
export interface Lane {
  guestId: string;
  tables: [string, string];
  /** position in the 3-step cycle; advanced only when a command is committed */
  step: number;
}

export function demoState(): PlanState {
  return foldCommands(initialState(), demoPlanCommands());
}

export function foldCommands(s: PlanState, commands: Command[]): PlanState {
  for (const c of commands) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(`workload command refused: ${d.error.message}`);
    for (const e of d.events) evolve(s, e);
  }
  return s;
}

/** The events `commands` produce from an empty plan, and the state they fold to. */
export function eventsOf(commands: Command[]): { events: PlanEvent[]; state: PlanState } {
  const state = initialState();
  const events: PlanEvent[] = [];
  for (const c of commands) {
    const d = decide(state, c);
    if (!d.ok) throw new Error(`workload command refused: ${d.error.message}`);
    for (const e of d.events) {
      evolve(state, e);
      events.push(e);
    }
  }
  return { events, state };
}

/** Seats a table can still take, counting the physical table it stands on (as decide's hasRoom does). */
function freeSeats(s: PlanState, tableId: string): number {
  const t = s.tables[tableId]!;
  const p = t.physicalTableId ? s.physicalTables[t.physicalTableId] : undefined;
  const cap = p && p.capacity < t.capacity ? p.capacity : t.capacity;
  return cap - t.guestIds.length;
}

export function makeLanes(s: PlanState, count: number): Lane[] {
  const guests = Object.values(s.guests)
    .filter((g) => g.tableId === null)
    .map((g) => g.id)
    .sort();
  const free = new Map<string, number>();
  for (const t of Object.values(s.tables)) if (!t.locked && freeSeats(s, t.id) > 0) free.set(t.id, freeSeats(s, t.id));
  const lanes: Lane[] = [];
  for (let i = 0; i < count; i++) {
    const [a, b] = [...free.entries()].filter(([, n]) => n > 0).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
    if (!a || !b || i >= guests.length) throw new Error(`the demo plan has room for only ${i} lanes, ${count} asked`);
    free.set(a[0], a[1] - 1);
    free.set(b[0], b[1] - 1);
    lanes.push({ guestId: guests[i]!, tables: [a[0], b[0]], step: 0 });
  }
  return lanes;
}

export const cloneLanes = (lanes: Lane[]): Lane[] => lanes.map((l) => ({ ...l, tables: [...l.tables] as [string, string] }));

/** The lane's next command (does not advance the lane). */
export function laneCommand(lane: Lane, step = lane.step): Command {
  switch (step % 3) {
    case 0:
      return { type: 'seatGuest', guestId: lane.guestId, tableId: lane.tables[0] };
    case 1:
      return { type: 'moveGuest', guestId: lane.guestId, tableId: lane.tables[1] };
    default:
      return { type: 'unseatGuest', guestId: lane.guestId };
  }
}

/** `count` commands taking the lanes round-robin (advancing them): one event each, for seeding long histories. */
export function interleaved(lanes: Lane[], count: number): Command[] {
  const out: Command[] = [];
  for (let i = 0; i < count; i++) {
    const lane = lanes[i % lanes.length]!;
    out.push(laneCommand(lane));
    lane.step++;
  }
  return out;
}

/** The demo plan's commands followed by lane commands, up to `totalEvents` events (each demo command is one event). */
export function planOfSize(totalEvents: number, laneCount = 50): Command[] {
  const demo = demoPlanCommands();
  const lanes = makeLanes(demoState(), laneCount);
  return [...demo, ...interleaved(lanes, Math.max(0, totalEvents - demo.length))];
}
