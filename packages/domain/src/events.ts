import type { DepartmentSeating, Fixture, GuestFields, PhysicalTable, Placement, RoomBackground, SeatingRule, TableShape } from './model.ts';

/** Events are facts. Every event carries its type and schema version `v`; old versions are never rewritten. */
type E<T extends string, P> = { type: T; v: 1 } & P;

export type PlanEvent =
  | E<'PlanCreated', { name: string }>
  | E<'PlanRenamed', { name: string; previousName: string }>
  | E<'RoomAdded', { roomId: string; name: string }>
  | E<'RoomRenamed', { roomId: string; name: string; previousName: string }>
  | E<'RoomRemoved', { roomId: string; name: string }>
  | E<'PhysicalTableAdded', { physicalTableId: string; roomId: string; label: string; capacity: number }>
  | E<'PhysicalTableEdited', { physicalTableId: string; changes: PhysicalTableChanges; previous: PhysicalTableChanges }>
  /** accessible: the table was marked so (absent on events from before, and when it was not): undo marks it again */
  | E<'PhysicalTableRemoved', { physicalTableId: string; previous: Omit<PhysicalTable, 'id'>; accessible?: true }>
  | E<'TableAdded', { tableId: string; name: string; capacity: number; vip: boolean }>
  | E<'TableEdited', { tableId: string; changes: TableChanges; previous: TableChanges }>
  | E<'TableRemoved', { tableId: string; previous: { name: string; capacity: number; vip: boolean } }>
  | E<'TableMapped', { tableId: string; physicalTableId: string; previousPhysicalTableId: string | null }>
  | E<'TableUnmapped', { tableId: string; physicalTableId: string }>
  | E<'TableLocked', { tableId: string }>
  | E<'TableUnlocked', { tableId: string }>
  | E<'GuestAdded', { guestId: string } & StoredGuestFields>
  | E<'GuestEdited', { guestId: string; changes: Partial<GuestFields>; previous: Partial<GuestFields> }>
  /** pinned: the guest was pinned (absent on events from before, and when they were not): undo pins them again */
  | E<'GuestRemoved', { guestId: string; previous: StoredGuestFields; pinned?: true }>
  | E<'GuestSeated', { guestId: string; tableId: string }>
  | E<'GuestMoved', { guestId: string; fromTableId: string; toTableId: string }>
  | E<'GuestsSwapped', { guestId: string; tableId: string; otherGuestId: string; otherTableId: string }>
  | E<'GuestUnseated', { guestId: string; tableId: string }>
  | E<'SeatingRuleAdded', { ruleId: string } & RuleFields>
  | E<'SeatingRuleRemoved', { ruleId: string; previous: RuleFields }>
  | E<'GuestPinned', { guestId: string; pinned: boolean }>
  | E<'PhysicalTableAccessibilityMarked', { physicalTableId: string; accessible: boolean }>
  | E<'DepartmentSeatingSet', { departments: DepartmentSeating; previous: DepartmentSeating }>
  | E<'RoomSized', { roomId: string; size: RoomSize | null; previous: RoomSize | null }>
  | E<'RoomBackgroundSet', { roomId: string; background: RoomBackground | null; previous: RoomBackground | null }>
  | E<'PhysicalTableShaped', { physicalTableId: string; shape: TableTop | null; previous: TableTop | null }>
  | E<'FloorArranged', { roomId: string; moves: FloorMove[] }>
  | E<'FixtureAdded', { fixtureId: string } & FixtureFields>
  | E<'FixtureEdited', { fixtureId: string; changes: FixtureChanges; previous: FixtureChanges }>
  | E<'FixtureRemoved', { fixtureId: string; previous: FixtureFields }>
  | E<'SeatsOrdered', { tableId: string; guestIds: string[]; previous: string[] }>;

/** A room's size; null in an event = no size (never set). */
export type RoomSize = { widthM: number; depthM: number };
/** A physical table's shaped top; null in an event = not shaped (drawn with the default for its capacity). */
export type TableTop = { shape: TableShape; widthM: number; depthM: number };
/** One item of one drop: where it stands after (`to`) and before (`from`); null = not placed on the floor. */
export type FloorMove = { kind: 'table' | 'fixture'; id: string; to: Placement | null; from: Placement | null };
export type FixtureFields = Omit<Fixture, 'id'>;
export type FixtureChanges = Partial<Pick<Fixture, 'label' | 'widthM' | 'depthM'>>;

export type RuleFields = Omit<SeatingRule, 'id'>;

/** A guest's fields as events carry them: events stored before `accessibility` and `ref` existed lack them
 *  (they fold as ''). New events always carry every field. */
export type StoredGuestFields = Omit<GuestFields, 'accessibility' | 'ref'> & Partial<Pick<GuestFields, 'accessibility' | 'ref'>>;
export type PhysicalTableChanges = Partial<Pick<PhysicalTable, 'label' | 'roomId' | 'capacity'>>;
export type TableChanges = Partial<{ name: string; capacity: number; vip: boolean }>;
export type EventType = PlanEvent['type'];
export type EventOf<T extends EventType> = Extract<PlanEvent, { type: T }>;
