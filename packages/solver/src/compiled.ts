import type { SolverWeights } from './types.ts';

/**
 * The instance in index form. Guests who may not move (pinned, or at a locked table) are "fixed"; everybody
 * else belongs to exactly one movable unit: a party and whoever a hard together rule joins to it. A unit sits at
 * one table (index < T) or is unseated (index T). Hard rules the search must never break become each unit's
 * domain (allowed tables) and hard-apart partner units, so every plan the search visits keeps them.
 */
export interface Compiled {
  G: number;
  T: number;
  U: number;
  R: number;
  D: number;
  guestIds: string[];
  guestNames: string[];
  tableIds: string[];
  tableNames: string[];
  capacity: Int32Array;
  tableVip: Uint8Array;
  tableLocked: Uint8Array;
  tableAccessible: Uint8Array;
  guestVip: Uint8Array;
  guestNeeds: Uint8Array;
  guestParty: string[];
  /** department index or -1 */
  guestDept: Int32Array;
  /** current table index, T when unseated */
  guestCurrent: Int32Array;
  /** 1 for a guest who has a seat in the plan as it is (SolverGuest.seated) */
  guestSeated: Uint8Array;
  /** -1 when movable, else the table (or T) the guest stays at */
  guestFixed: Int32Array;
  unitOfGuest: Int32Array;
  units: Unit[];
  /** per unit × table: may the unit sit there (hard rules other than capacity and apart-between-units) */
  allowed: Uint8Array;
  rules: CompiledRule[];
  /** per unit × (table or T): what the unit's soft place rules cost there (null: no soft place rule) */
  placeCost: Float64Array | null;
  deptMode: 'mix' | 'group' | 'ignore';
  anyVipTable: boolean;
  /** per table (length T + 1, index T: 0): 1 for an open table some unit may sit at, the tables the balance term evens out */
  tableBalanced: Uint8Array;
  weights: SolverWeights;
}

export interface Unit {
  members: number[];
  size: number;
  /** the tables it may sit at; units of one kind without a rule of their own share one array: never changed */
  domain: readonly number[];
  /** units sharing a hard apart rule with this one */
  apart: number[];
  /** soft rules touching the unit: [rule index, members in it] */
  rules: [number, number][];
  /** departments: [dept index, members of it] */
  depts: [number, number][];
  vips: number;
  /** members holding a seat in the plan as it is (guestSeated), and whether any member is seated in `current`:
   *  worked out once, since a move's score change asks for them at every table the greedy start weighs */
  held: number;
  anyCurrent: boolean;
  /** a name for explanations: "party Braun" or the guest's name */
  label: string;
  /** why the unit is smaller than its party, or anchored (for explanations) */
  splitOf: { label: string; size: number } | null;
}

export interface CompiledRule {
  id: string;
  kind: 'together' | 'apart' | 'place';
  hard: boolean;
  weight: number;
  guests: number[];
  /** place rules: 1 for each allowed table index (length T + 1; index T, unseated, is never allowed) */
  tables: Uint8Array | null;
  placeName: string;
  /** place rules: table index → why it is not allowed (for explanations) */
  tableNotes: Map<number, string>;
}
