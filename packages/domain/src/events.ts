import type { DepartmentSeating, GuestFields, PhysicalTable, SeatingRule } from './model.ts';

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
  | E<'PhysicalTableRemoved', { physicalTableId: string; previous: Omit<PhysicalTable, 'id'> }>
  | E<'TableAdded', { tableId: string; name: string; capacity: number; vip: boolean }>
  | E<'TableEdited', { tableId: string; changes: TableChanges; previous: TableChanges }>
  | E<'TableRemoved', { tableId: string; previous: { name: string; capacity: number; vip: boolean } }>
  | E<'TableMapped', { tableId: string; physicalTableId: string; previousPhysicalTableId: string | null }>
  | E<'TableUnmapped', { tableId: string; physicalTableId: string }>
  | E<'TableLocked', { tableId: string }>
  | E<'TableUnlocked', { tableId: string }>
  | E<'GuestAdded', { guestId: string } & StoredGuestFields>
  | E<'GuestEdited', { guestId: string; changes: Partial<GuestFields>; previous: Partial<GuestFields> }>
  | E<'GuestRemoved', { guestId: string; previous: StoredGuestFields }>
  | E<'GuestSeated', { guestId: string; tableId: string }>
  | E<'GuestMoved', { guestId: string; fromTableId: string; toTableId: string }>
  | E<'GuestsSwapped', { guestId: string; tableId: string; otherGuestId: string; otherTableId: string }>
  | E<'GuestUnseated', { guestId: string; tableId: string }>
  | E<'SeatingRuleAdded', { ruleId: string } & RuleFields>
  | E<'SeatingRuleRemoved', { ruleId: string; previous: RuleFields }>
  | E<'GuestPinned', { guestId: string; pinned: boolean }>
  | E<'PhysicalTableAccessibilityMarked', { physicalTableId: string; accessible: boolean }>
  | E<'DepartmentSeatingSet', { departments: DepartmentSeating; previous: DepartmentSeating }>;

export type RuleFields = Omit<SeatingRule, 'id'>;

/** A guest's fields as events carry them: events stored before `accessibility` and `ref` existed lack them
 *  (they fold as ''). New events always carry every field. */
export type StoredGuestFields = Omit<GuestFields, 'accessibility' | 'ref'> & Partial<Pick<GuestFields, 'accessibility' | 'ref'>>;
export type PhysicalTableChanges = Partial<Pick<PhysicalTable, 'label' | 'roomId' | 'capacity'>>;
export type TableChanges = Partial<{ name: string; capacity: number; vip: boolean }>;
export type EventType = PlanEvent['type'];
export type EventOf<T extends EventType> = Extract<PlanEvent, { type: T }>;
