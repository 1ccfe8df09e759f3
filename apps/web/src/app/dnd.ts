import { entity, decide, type Command, type PlanState } from '@seatfold/domain';

/** What is being carried: a guest (row or chip) or a logical table (rooms view). */
export type DragSource = { kind: 'guest'; guestId: string } | { kind: 'table'; tableId: string };

/** Where it can be put down. */
export type DropTarget =
  | { kind: 'table'; tableId: string } // a logical table card
  | { kind: 'chip'; guestId: string } // a seated guest's chip
  | { kind: 'unseat' } // the guest list
  | { kind: 'physical'; physicalTableId: string } // a physical table in the rooms view
  | { kind: 'tray' }; // the tray of tables not placed

/**
 * The command a drop stands for, or null when the drop means "nothing to do" (a guest dropped on their own table,
 * a placed table dropped on the physical table it already stands on, an unseated guest dropped on the guest list).
 * Whether the command would succeed is not decided here: see `dropVerdict`.
 */
export function dropCommand(source: DragSource, target: DropTarget, s: PlanState): Command | null {
  if (source.kind === 'guest') {
    const g = entity(s.guests, source.guestId);
    if (!g) return null;
    switch (target.kind) {
      case 'table':
        if (g.tableId === target.tableId) return null;
        return g.tableId ? { type: 'moveGuest', guestId: g.id, tableId: target.tableId } : { type: 'seatGuest', guestId: g.id, tableId: target.tableId };
      case 'chip': {
        if (target.guestId === g.id) return null;
        const other = entity(s.guests, target.guestId);
        if (!other?.tableId) return null;
        if (g.tableId === other.tableId) return null;
        // A seated guest dropped on somebody at another table trades places with them; an unseated one just joins that table.
        if (g.tableId) return { type: 'swapGuests', guestId: g.id, otherGuestId: other.id };
        return { type: 'seatGuest', guestId: g.id, tableId: other.tableId };
      }
      case 'unseat':
        return g.tableId ? { type: 'unseatGuest', guestId: g.id } : null;
      default:
        return null;
    }
  }
  const t = entity(s.tables, source.tableId);
  if (!t) return null;
  switch (target.kind) {
    case 'physical':
      return t.physicalTableId === target.physicalTableId ? null : { type: 'mapTable', tableId: t.id, physicalTableId: target.physicalTableId };
    case 'tray':
      return t.physicalTableId ? { type: 'unmapTable', tableId: t.id } : null;
    default:
      return null;
  }
}

export type Verdict = { state: 'ok'; command: Command } | { state: 'noop' } | { state: 'refused'; command: Command; code: string; reason: string };

/** Would this drop work on the current view? Used to mark targets while dragging (the reducer re-decides on drop). */
export function dropVerdict(source: DragSource, target: DropTarget, s: PlanState): Verdict {
  const command = dropCommand(source, target, s);
  if (!command) return { state: 'noop' };
  const d = decide(s, command);
  return d.ok ? { state: 'ok', command } : { state: 'refused', command, code: d.error.code, reason: d.error.message };
}

/** Data-transfer types for native drag and drop (readable in dragover, unlike the data itself). */
export const GUEST_MIME = 'application/x-seatfold-guest';
export const TABLE_MIME = 'application/x-seatfold-table';

export function sourceFromTransfer(dt: DataTransfer | null): DragSource | null {
  if (!dt) return null;
  const guestId = dt.getData(GUEST_MIME);
  if (guestId) return { kind: 'guest', guestId };
  const tableId = dt.getData(TABLE_MIME);
  if (tableId) return { kind: 'table', tableId };
  return null;
}

export function transferCarries(dt: DataTransfer | null, kind: DragSource['kind']): boolean {
  if (!dt) return false;
  return Array.from(dt.types).includes(kind === 'guest' ? GUEST_MIME : TABLE_MIME);
}
