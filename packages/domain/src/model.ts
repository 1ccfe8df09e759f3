/** The folded state of one seating plan. Plain JSON data: no classes, no Maps, so it can be hashed,
 *  snapshotted, sent over the wire and held immutably by Redux (immer) or mutated in place on the server. */
export interface Room {
  id: string;
  name: string;
  /** size in metres (absent until first set: the room is drawn to fit its tables) */
  widthM?: number;
  depthM?: number;
  /** the venue's plan as a background image, placed in room units; its height follows the image's aspect ratio */
  background?: RoomBackground;
}

export interface RoomBackground {
  /** sha-256 hex of the stored image */
  imageId: string;
  /** top-left corner of the image in room metres */
  x: number;
  y: number;
  widthM: number;
}

export type TableShape = 'round' | 'oval' | 'square' | 'rectangle' | 'banquet';
export const TABLE_SHAPES = ['round', 'oval', 'square', 'rectangle', 'banquet'] as const satisfies readonly TableShape[];

export type FixtureKind = 'stage' | 'dance-floor' | 'bar' | 'buffet' | 'entrance' | 'pillar' | 'dj' | 'other';
export const FIXTURE_KINDS = ['stage', 'dance-floor', 'bar', 'buffet', 'entrance', 'pillar', 'dj', 'other'] as const satisfies readonly FixtureKind[];

/** Where something stands on the floor: its CENTRE in room metres (origin top-left, x right, y down) and its
 *  rotation in degrees clockwise, 0 ≤ r < 360. */
export interface Placement {
  x: number;
  y: number;
  rotation: number;
}

/** A labelled shape in a room that tables are placed around (stage, bar, pillar…). */
export interface Fixture extends Placement {
  id: string;
  roomId: string;
  kind: FixtureKind;
  label: string;
  widthM: number;
  depthM: number;
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
  /** its top: absent until shaped (then `tableShape` gives the default for its capacity) */
  shape?: TableShape;
  widthM?: number;
  depthM?: number;
  /** its place on the floor: absent x/y = not yet placed */
  x?: number;
  y?: number;
  rotation?: number;
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
  /** chair order set by the planner (guest ids; guests not listed follow in seating order): read `seatOrderOf` */
  seatOrder?: string[];
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
 *  at one table (`atTable`, tableId), in one room (`inRoom`, roomId), within `distanceM` metres of a fixture
 *  (`nearFixture`) or at least that far from it (`awayFromFixture`, fixtureId); hard (must) or soft (wish). The
 *  table, room or fixture may be removed later: the rule still folds and is shown as naming a removed one. */
export interface SeatingRule {
  id: string;
  kind: SeatingRuleKind;
  hard: boolean;
  guestIds: string[];
  tableId?: string;
  roomId?: string;
  fixtureId?: string;
  /** near/away rules: metres from the table's centre to the fixture's nearest edge */
  distanceM?: number;
}
export type SeatingRuleKind = 'together' | 'apart' | 'atTable' | 'inRoom' | 'nearFixture' | 'awayFromFixture';
/** The most seats one table may have (a plan table or a physical one): the command schemas refuse more. */
export const MAX_TABLE_SEATS = 500;

export const SEATING_RULE_KINDS = [
  'together',
  'apart',
  'atTable',
  'inRoom',
  'nearFixture',
  'awayFromFixture',
] as const satisfies readonly SeatingRuleKind[];

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
  /** fixtures of the rooms (stage, bar, pillar…); absent until the plan's first: read `fixturesOf` */
  fixtures?: Record<string, Fixture>;
}

/** The plan's fixtures ({} for states from before floor plans existed). */
export const fixturesOf = (s: PlanState): Record<string, Fixture> => s.fixtures ?? {};

/** The chairs of a logical table in order: the planner's order first (guests still seated there), then the rest
 *  in seating order. */
export function seatOrderOf(t: LogicalTable): string[] {
  if (!t.seatOrder) return t.guestIds;
  const seated = new Set(t.guestIds);
  const listed = t.seatOrder.filter((id) => seated.has(id));
  const inList = new Set(listed);
  return [...listed, ...t.guestIds.filter((id) => !inList.has(id))];
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
