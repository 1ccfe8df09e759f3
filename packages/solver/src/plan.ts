import { departmentSeatingOf, entity, guestLabels, partyKey, partyTitle, type Command, type PlanState } from '@seatfold/domain';
import { solverRulesFromPlan } from './plan-rules.ts';
export { solverRulesFromPlan, type RuleNote } from './plan-rules.ts';
import { SolverInputError, type SolverInstance, type SolverRule } from './types.ts';

export interface PlanInstanceOptions {
  /** default: the plan's own rules (solverRulesFromPlan) */
  rules?: SolverRule[];
  /** default: the guests the planner pinned in the plan; they keep their seat (or stay unseated) */
  pinned?: Iterable<string>;
  /**
   * Tables marked accessible. Default: the tables standing on physical tables marked accessible in the plan, or,
   * when no physical table is marked at all, none — then accessibility needs are not a constraint (every table
   * counts as accessible). With a list, guests whose `accessibility` is filled in sit only at these tables.
   */
  accessibleTables?: Iterable<string> | null;
  /** default: the plan's department setting */
  departments?: SolverInstance['departments'];
}

/**
 * The solver's view of a plan: every guest (party, department, VIP, accessibility needs, pinned), every table with
 * its usable capacity (the smaller of its own and its physical table's), locked, VIP and accessible flags, the
 * plan's rules and department setting, and where everybody sits now. Ids are sorted, so the same plan gives the
 * same instance on the server and in the browser.
 */
export function instanceFromPlan(state: PlanState, options: PlanInstanceOptions = {}): SolverInstance {
  const pinned = new Set(
    options.pinned ??
      Object.values(state.guests)
        .filter((g) => g.pinned)
        .map((g) => g.id),
  );
  const given = options.accessibleTables === undefined ? accessibleTablesOf(state) : options.accessibleTables;
  const accessible = given ? new Set(given) : null;
  const byId = <T extends { id: string }>(xs: T[]) => xs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const tables = byId(Object.values(state.tables)).map((t) => {
    const physical = entity(state.physicalTables, t.physicalTableId);
    return {
      id: t.id,
      name: t.name,
      capacity: Math.min(t.capacity, physical?.capacity ?? t.capacity),
      vip: t.vip,
      locked: t.locked,
      accessible: accessible ? accessible.has(t.id) : true,
    };
  });
  const labels = guestLabels(state.guests); // what the solver's explanations call a guest: namesakes told apart
  // A party is its key, as the plan groups it ("Braun" and "braun " are one party): one title for all its members.
  const titles = new Map<string, string>();
  const partyOf = (party: string) => {
    const key = partyKey(party);
    return key ? (titles.get(key) ?? titles.set(key, partyTitle(party)).get(key)!) : '';
  };
  const guests = byId(Object.values(state.guests)).map((g) => ({
    id: g.id,
    name: labels.get(g.id) ?? g.name,
    party: partyOf(g.party),
    department: g.department,
    vip: g.vip,
    needsAccessible: accessible !== null && (g.accessibility ?? '').trim() !== '',
    pinned: pinned.has(g.id),
    seated: g.tableId !== null,
  }));
  const current = Object.fromEntries(guests.map((g) => [g.id, state.guests[g.id]!.tableId])); // guests come from state.guests
  const rules = options.rules ?? solverRulesFromPlan(state).rules;
  return { guests, tables, rules, current, departments: options.departments ?? departmentSeatingOf(state) };
}

/** Logical tables on physical tables marked accessible; null when the plan marks none (no constraint then). */
export function accessibleTablesOf(state: PlanState): string[] | null {
  if (!Object.values(state.physicalTables).some((p) => p.accessible)) return null;
  return Object.values(state.tables)
    .filter((t) => entity(state.physicalTables, t.physicalTableId)?.accessible)
    .map((t) => t.id);
}

/**
 * The commands that turn the plan into the solver's assignment, for one atomic batch: guests leaving their seat
 * first, then moves and seatings in an order where every table always has room (a cycle of moves between full
 * tables is broken by unseating one guest and seating them last). Throws SolverInputError when the assignment
 * no longer fits the plan (a guest or table gone, a locked table touched, a table too small): run the solver
 * again on the plan as it is now.
 */
export function commandsForAssignment(state: PlanState, assignment: Record<string, string | null>): Command[] {
  const stale = (why: string) => new SolverInputError(`The plan changed since the seating was worked out (${why}). Run it again.`);
  const table = (id: string) => entity(state.tables, id);
  const count = new Map<string, number>();
  const room = new Map<string, number>();
  for (const t of Object.values(state.tables)) {
    const p = entity(state.physicalTables, t.physicalTableId);
    count.set(t.id, t.guestIds.length);
    room.set(t.id, Math.min(t.capacity, p?.capacity ?? t.capacity));
  }
  type Step = { guestId: string; from: string | null; to: string };
  const out: Command[] = [];
  let pending: Step[] = [];
  for (const [guestId, to] of Object.entries(assignment)) {
    const guest = entity(state.guests, guestId);
    if (!guest) throw stale(`a guest is no longer in the plan`);
    const from = guest.tableId;
    if (from === to) continue;
    if (from && table(from)?.locked) throw stale(`${table(from)!.name} is locked`);
    if (to !== null) {
      const t = table(to);
      if (!t) throw stale(`a table is no longer in the plan`);
      if (t.locked) throw stale(`${t.name} is locked`);
    }
    if (to === null) {
      out.push({ type: 'unseatGuest', guestId });
      count.set(from!, count.get(from!)! - 1);
    } else pending.push({ guestId, from, to });
  }
  while (pending.length > 0) {
    const blocked: Step[] = [];
    for (const step of pending) {
      if (count.get(step.to)! >= room.get(step.to)!) {
        blocked.push(step);
        continue;
      }
      out.push(
        step.from ? { type: 'moveGuest', guestId: step.guestId, tableId: step.to } : { type: 'seatGuest', guestId: step.guestId, tableId: step.to },
      );
      if (step.from) count.set(step.from, count.get(step.from)! - 1);
      count.set(step.to, count.get(step.to)! + 1);
    }
    if (blocked.length === pending.length) {
      // a cycle between full tables (or a table too small for the assignment)
      const step = blocked.find((s) => s.from !== null);
      // every pending step is blocked, and pending is not empty
      if (!step) throw stale(`${table(blocked[0]!.to)!.name} has no room for everyone assigned to it`);
      out.push({ type: 'unseatGuest', guestId: step.guestId });
      count.set(step.from!, count.get(step.from!)! - 1);
      step.from = null;
    }
    pending = blocked;
  }
  return out;
}
