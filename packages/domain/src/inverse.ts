import type { Command } from './commands.ts';
import type { PlanEvent } from './events.ts';
import { fieldsRecord, listOf } from './stored.ts';

/**
 * The commands that take one event back, as of the state right after it. Events carry what they replaced
 * (`previous`, `fromTableId`, …) precisely so this needs no look-up. Running them is a NEW fact: history stays.
 * PlanCreated has no inverse.
 */
export function inverseOf(e: PlanEvent): Command[] {
  switch (e.type) {
    case 'PlanCreated':
      return [];
    case 'PlanRenamed':
      return [{ type: 'renamePlan', name: e.previousName }];
    case 'RoomAdded':
      return [{ type: 'removeRoom', roomId: e.roomId }];
    case 'RoomRenamed':
      return [{ type: 'renameRoom', roomId: e.roomId, name: e.previousName }];
    case 'RoomRemoved':
      return [{ type: 'addRoom', roomId: e.roomId, name: e.name }];
    case 'PhysicalTableAdded':
      return [{ type: 'removePhysicalTable', physicalTableId: e.physicalTableId }];
    case 'PhysicalTableEdited':
      return [{ type: 'editPhysicalTable', physicalTableId: e.physicalTableId, changes: fieldsRecord(e.previous) }];
    case 'PhysicalTableRemoved':
      return [
        { type: 'addPhysicalTable', physicalTableId: e.physicalTableId, ...e.previous },
        ...(e.accessible ? [{ type: 'markTableAccessible', physicalTableId: e.physicalTableId, accessible: true } as const] : []),
      ];
    case 'TableAdded':
      return [{ type: 'removeTable', tableId: e.tableId }];
    case 'TableEdited':
      return [{ type: 'editTable', tableId: e.tableId, changes: fieldsRecord(e.previous) }];
    case 'TableRemoved':
      return [{ type: 'addTable', tableId: e.tableId, ...e.previous }];
    case 'TableMapped':
      return e.previousPhysicalTableId
        ? [{ type: 'mapTable', tableId: e.tableId, physicalTableId: e.previousPhysicalTableId }]
        : [{ type: 'unmapTable', tableId: e.tableId }];
    case 'TableUnmapped':
      return [{ type: 'mapTable', tableId: e.tableId, physicalTableId: e.physicalTableId }];
    case 'TableLocked':
      return [{ type: 'unlockTable', tableId: e.tableId }];
    case 'TableUnlocked':
      return [{ type: 'lockTable', tableId: e.tableId }];
    case 'GuestAdded':
      return [{ type: 'removeGuest', guestId: e.guestId }];
    case 'GuestEdited':
      return [{ type: 'editGuest', guestId: e.guestId, changes: fieldsRecord(e.previous) }];
    case 'GuestRemoved':
      return [
        { type: 'addGuest', guestId: e.guestId, ...e.previous },
        ...(e.pinned ? [{ type: 'pinGuest', guestId: e.guestId, pinned: true } as const] : []),
      ];
    case 'GuestSeated':
      return [{ type: 'unseatGuest', guestId: e.guestId }];
    case 'GuestMoved':
      return [{ type: 'moveGuest', guestId: e.guestId, tableId: e.fromTableId }];
    case 'GuestsSwapped':
      return [{ type: 'swapGuests', guestId: e.guestId, otherGuestId: e.otherGuestId }];
    case 'GuestUnseated':
      return [{ type: 'seatGuest', guestId: e.guestId, tableId: e.tableId }];
    case 'SeatingRuleAdded':
      return [{ type: 'removeSeatingRule', ruleId: e.ruleId }];
    case 'SeatingRuleRemoved':
      return [{ type: 'addSeatingRule', ruleId: e.ruleId, ...e.previous }];
    case 'GuestPinned':
      return [{ type: 'pinGuest', guestId: e.guestId, pinned: !e.pinned }];
    case 'PhysicalTableAccessibilityMarked':
      return [{ type: 'markTableAccessible', physicalTableId: e.physicalTableId, accessible: !e.accessible }];
    case 'DepartmentSeatingSet':
      return [{ type: 'setDepartmentSeating', departments: e.previous }];
    case 'RoomSized':
      return [{ type: 'setRoomSize', roomId: e.roomId, widthM: e.previous?.widthM ?? null, depthM: e.previous?.depthM ?? null }];
    case 'RoomBackgroundSet':
      return [{ type: 'setRoomBackground', roomId: e.roomId, background: e.previous }];
    case 'PhysicalTableShaped':
      return [
        {
          type: 'shapePhysicalTable',
          physicalTableId: e.physicalTableId,
          shape: e.previous?.shape ?? null,
          widthM: e.previous?.widthM ?? null,
          depthM: e.previous?.depthM ?? null,
        },
      ];
    case 'FloorArranged':
      return [
        {
          type: 'arrangeFloor',
          roomId: e.roomId,
          moves: listOf(e.moves).map((m) => ({
            kind: m.kind,
            id: m.id,
            x: m.from?.x ?? null,
            y: m.from?.y ?? null,
            rotation: m.from?.rotation ?? null,
          })),
        },
      ];
    case 'FixtureAdded':
      return [{ type: 'removeFixture', fixtureId: e.fixtureId }];
    case 'FixtureEdited':
      return [{ type: 'editFixture', fixtureId: e.fixtureId, ...fieldsRecord(e.previous) }];
    case 'FixtureRemoved':
      return [{ type: 'addFixture', fixtureId: e.fixtureId, ...e.previous }];
    case 'SeatsOrdered':
      return [{ type: 'orderSeats', tableId: e.tableId, guestIds: e.previous }];
  }
}

/** Inverse of a run of events (one command's or one batch's): inverses in reverse order. */
export function inverseOfAll(events: readonly PlanEvent[]): Command[] {
  const out: Command[] = [];
  for (let i = events.length - 1; i >= 0; i--) out.push(...inverseOf(events[i]!));
  return out;
}
