/** The folded state of one seating plan. Plain JSON data: no classes, no Maps, so it can be hashed,
 *  snapshotted, sent over the wire and held immutably by Redux (immer) or mutated in place on the server. */
export interface Room {
  id: string;
  name: string;
}

/** A real table standing in a room. */
export interface PhysicalTable {
  id: string;
  roomId: string;
  label: string;
  capacity: number;
  /** step-free, wheelchair-ready: guests with accessibility needs are seated only at such tables. Absent until
   *  first marked, removed when unmarked (older states hash the same). */
  accessible?: true;
}

/** A table as the planner thinks of it ("Table 12", "Board"), which may be placed on a physical table. */
export interface LogicalTable {
  id: string;
  name: string;
  capacity: number;
  vip: boolean;
  locked: boolean;
  physicalTableId: string | null;
  /** Seat order. Kept in step with Guest.tableId by evolve (the two are one fact, indexed both ways). */
  guestIds: string[];
}

export interface GuestFields {
  name: string;
  email: string;
  party: string;
  department: string;
  dietary: string;
  /** accessibility needs ("wheelchair", "step-free access", "hearing loop") */
  accessibility: string;
  vip: boolean;
  notes: string;
  /** the organisation's own number for this person ("Nr.", "Personalnummer"): an import merges by it */
  ref: string;
}

export interface Guest extends GuestFields {
  id: string;
  tableId: string | null;
  /** pinned by a planner: automatic seating never moves them. Absent until first pinned, removed when unpinned. */
  pinned?: true;
}

/** A planner's wish about who sits with whom: together (one table) or apart (no two at one table), or where:
 *  at one table (`atTable`, tableId) or in one room (`inRoom`, roomId); hard (must) or soft (wish). The table or
 *  room may be removed later: the rule still folds and is shown as naming a removed one. */
export interface SeatingRule {
  id: string;
  kind: SeatingRuleKind;
  hard: boolean;
  guestIds: string[];
  tableId?: string;
  roomId?: string;
}
export type SeatingRuleKind = 'together' | 'apart' | 'atTable' | 'inRoom';

/** How automatic seating treats colleagues of one department: mix them across tables, group them, or ignore it. */
export type DepartmentSeating = 'mix' | 'group' | 'ignore';

export interface PlanState {
  /** Number of events folded into this state; equals the stream version it reflects. */
  version: number;
  plan: { name: string } | null;
  rooms: Record<string, Room>;
  physicalTables: Record<string, PhysicalTable>;
  tables: Record<string, LogicalTable>;
  guests: Record<string, Guest>;
  /** seating rules; absent until the plan's first rule (so older states and snapshots hash the same): read `rulesOf` */
  rules?: Record<string, SeatingRule>;
  /** automatic seating's plan-wide settings; absent until first set */
  seating?: { departments: DepartmentSeating };
}

/** The plan's seating rules ({} for states from before rules existed). */
export const rulesOf = (s: PlanState): Record<string, SeatingRule> => s.rules ?? {};

/** The plan's department setting for automatic seating ('ignore' until a planner sets it). */
export const departmentSeatingOf = (s: PlanState): DepartmentSeating => s.seating?.departments ?? 'ignore';

/** Bump when evolve's output for the same events changes: snapshots of another version are ignored. */
export const EVOLVE_VERSION = 2;

export function initialState(): PlanState {
  return { version: 0, plan: null, rooms: {}, physicalTables: {}, tables: {}, guests: {} };
}

export const emptyGuestFields: GuestFields = {
  name: '',
  email: '',
  party: '',
  department: '',
  dietary: '',
  accessibility: '',
  vip: false,
  notes: '',
  ref: '',
};

/** Every field of a guest a planner edits, in form order: the one list the domain, imports and the web app share.
 *  Fields added later (`accessibility`, `ref`) are absent from older events and fold as ''. */
export const GUEST_FIELDS = Object.keys(emptyGuestFields) as (keyof GuestFields)[];

/** A deep, mutable copy (the state is plain JSON data). */
export function cloneState(s: PlanState): PlanState {
  return JSON.parse(JSON.stringify(s)) as PlanState;
}
